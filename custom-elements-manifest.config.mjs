// custom-elements.json from the element's source and its JSDoc (@fires, @slot, @csspart,
// @cssprop): `npm run manifest`. Needs TypeScript 5.x (the analyzer uses the compiler API).
export default {
  globs: ['src/widgets/carbon-balance-map.ts', 'src/widgets/events.ts', 'src/widgets/index.ts'],
  exclude: ['src/widgets/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [
    {
      // Private members (`_…`) and Lit's internals are not API.
      name: 'cbm-hide-private',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules ?? []) {
          for (const decl of mod.declarations ?? []) {
            if (decl.members) decl.members = decl.members.filter((m) => !m.name.startsWith('_') && m.privacy !== 'private' && m.privacy !== 'protected');
          }
        }
      },
    },
  ],
};
