/**
 * Read by `cem analyze` (npm run build). The analyzer marks fields declared in
 * `static properties` as `privacy: "public"` but decorated or plain ones not at all; both mean the
 * same (public is the schema's default), and scripts/docs.mjs and the manifest tests treat a field
 * without `privacy` as public API. Dropping the explicit default keeps one form.
 */
export default {
  plugins: [
    {
      name: 'haochaping-public-is-default',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules ?? []) {
          for (const declaration of mod.declarations ?? []) {
            for (const member of declaration.members ?? []) {
              if (member.privacy === 'public') delete member.privacy;
            }
          }
        }
      },
    },
  ],
};
