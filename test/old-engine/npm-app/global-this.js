// The one global Chromium 69 lacks that Lit (and so `haochaping`) reads: imported first, so it
// runs before any module of Lit's. What a 政务 H5 app that targets the UC U4 kernel of Alipay and
// DingTalk adds (README, "Browser support").
if (typeof globalThis === 'undefined') self.globalThis = self;
