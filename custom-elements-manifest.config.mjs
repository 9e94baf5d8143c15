/**
 * Read by `cem analyze` (npm run build).
 *
 * 1. The configuration properties and attributes of `<hcp-rating>` come from the table in
 *    src/config/options.ts (the element declares them from it, not as fields the analyzer could
 *    read): each key becomes a public field, and unless it is property-only, an attribute.
 * 2. The analyzer marks fields declared in `static properties` as `privacy: "public"` but plain
 *    ones not at all; both mean the same (public is the schema's default), and scripts/docs.mjs and
 *    the manifest tests treat a field without `privacy` as public API. Dropping the explicit
 *    default keeps one form.
 */
import { importTs } from './scripts/import-ts.mjs';

// The table, compiled from its TypeScript source (it imports only DOM-free constants).
const { OPTIONS, DOCS, kebab, typeText } = await importTs('src/config/options.ts');

export default {
  plugins: [
    {
      name: 'haochaping-config-table',
      packageLinkPhase({ customElementsManifest }) {
        const element = customElementsManifest.modules
          .flatMap((m) => m.declarations ?? [])
          .find((d) => d.tagName === 'hcp-rating');
        const fields = [];
        const attributes = [];
        for (const [key, option] of Object.entries(OPTIONS)) {
          const type = { text: `${typeText(option)} | undefined` };
          const attribute = option.propertyOnly ? undefined : kebab(key);
          fields.push({ kind: 'field', name: key, type, description: DOCS[key], ...(attribute && { attribute }) });
          if (attribute) attributes.push({ name: attribute, type, description: DOCS[key], fieldName: key });
        }
        element.members = [...fields, ...(element.members ?? []).filter((m) => !(m.name in OPTIONS))];
        element.attributes = [...(element.attributes ?? []).filter((a) => !attributes.some((b) => b.name === a.name)), ...attributes];
      },
    },
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
