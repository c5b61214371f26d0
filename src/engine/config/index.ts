/**
 * The city config: its schema table, validator, defaults and JSON Schema (STYLE.md §3).
 */
export { validateConfig } from './validate.js';
export { resolveConfig, roadClassWeight } from './defaults.js';
export type {
  ResolvedConfig,
  ResolvedEconomyConfig,
  ResolvedInventoryInput,
  ResolvedLayers,
  ResolvedParcelLayer,
  ResolvedPoiLayer,
  ResolvedPopulationLayer,
  ResolvedRoadLayer,
  ResolvedSourceFields,
  ResolvedUnitLayer,
  RoadClassWeight,
} from './defaults.js';
export { CONFIG_SCHEMA, DEFAULT_ROAD_CLASS_WEIGHTS, configToJsonSchema, describeNode, listSettings } from './schema.js';
export type {
  AnyOfNode,
  AnyOfRequired,
  ArrayNode,
  BooleanNode,
  ConfigSchema,
  EnumNode,
  InferSchema,
  NumberNode,
  ObjectNode,
  OneOfNode,
  RecordNode,
  RequiredIf,
  SchemaNode,
  SchemaNodeBase,
  SettingRow,
  StringNode,
} from './schema.js';
export type * from './types.js';
