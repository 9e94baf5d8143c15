// <hcp-rating> in an Angular app: a standalone component, zoneless, compiled ahead of time
// (demo/build-apps.mjs: ngc + the Angular linker + esbuild), so it runs under the demo's strict
// CSP — Angular's JIT compiler would need eval. CUSTOM_ELEMENTS_SCHEMA lets the template use the
// element; [headers] and [messages] set properties, attributes such as task-code stay attributes,
// and (hcp-sent) listens to the element's event.
import { ChangeDetectionStrategy, Component, CUSTOM_ELEMENTS_SCHEMA, provideZonelessChangeDetection, signal } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';

interface Detail {
  id?: string;
  status?: number;
  reason?: string;
}

@Component({
  selector: 'demo-app',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card">
      <h2>办件已办结：{{ taskName }}</h2>
      <hcp-rating
        endpoint="/api/evaluations"
        project-no="DEMO-ANGULAR-0001"
        task-code="11440300MB2C92055T4440111003000"
        [attr.task-name]="taskName"
        dept-name="某市公安局出入境管理支队"
        [headers]="headers"
        [messages]="messages"
        (hcp-queued)="note('已保存：' + detail($event).id)"
        (hcp-sent)="note('已提交（HTTP ' + detail($event).status + '）：' + detail($event).id)"
        (hcp-failed)="note('被拒绝（HTTP ' + detail($event).status + '）：' + detail($event).reason)"
      ></hcp-rating>
      <h3>组件事件</h3>
      <ul class="event-log">
        @for (line of log(); track $index) {
          <li>{{ line }}</li>
        }
      </ul>
    </section>
  `,
})
class ServiceDone {
  readonly taskName = '往来港澳通行证签注';
  readonly headers = { 'X-Demo-Framework': 'angular' };
  readonly messages = { submit: '提交评价' };
  readonly log = signal<string[]>([]);

  detail(event: Event): Detail {
    return (event as CustomEvent<Detail>).detail;
  }

  note(text: string): void {
    this.log.update((lines) => [...lines, text]);
  }
}

await customElements.whenDefined('hcp-rating');
await bootstrapApplication(ServiceDone, { providers: [provideZonelessChangeDetection()] });
