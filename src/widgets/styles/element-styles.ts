/**
 * The element's own CSS. Everything a host may want to change is a documented custom property
 * (`--cbm-*`) or a `::part`; the element sets no values on `:host` that would stop a page's
 * inherited custom properties from reaching it.
 */
import { css } from 'lit';

export const elementStyles = css`
  :host {
    display: block;
    position: relative;
    box-sizing: border-box;
    /* A usable size even when the page sets none. */
    height: var(--cbm-height, 480px);
    min-height: 240px;
    contain: content;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  /* Text settings live on the inner frame, not on :host, so that inherited text properties a
     host page sets (on body, on *, or on the element) cannot reach the controls. Theme through
     the custom properties instead. */
  .frame {
    font-family: var(--cbm-font-family, system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif);
    font-size: var(--cbm-font-size, 14px);
    line-height: 1.4;
    color: var(--cbm-panel-color, #1f2328);
    font-style: normal;
    font-weight: normal;
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-align: start;
    text-indent: 0;
    white-space: normal;
    display: flex;
    flex-direction: column;
    height: 100%;
    width: 100%;
    border: 1px solid var(--cbm-border-color, #d0d7de);
    background: var(--cbm-panel-background, #ffffff);
    container: cbm-frame / inline-size;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 10px;
    padding: 4px 8px;
    border-bottom: 1px solid var(--cbm-border-color, #d0d7de);
    background: var(--cbm-toolbar-background, var(--cbm-panel-background, #f6f8fa));
    font: inherit;
    min-height: 36px;
  }
  .toolbar .title {
    font-weight: 600;
    margin-inline-end: auto;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    max-width: 40%;
  }
  .badge {
    font-size: 0.8em;
    padding: 1px 6px;
    border-radius: 8px;
    background: var(--cbm-badge-background, #fff8c5);
    color: var(--cbm-notice-color, #1f2328);
    border: 1px solid var(--cbm-badge-border, #d4a72c);
    white-space: nowrap;
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    white-space: nowrap;
  }
  .status progress {
    width: 90px;
    height: 10px;
  }
  /* Controls are reset so a host page's generic button/select/table rules cannot reach them. */
  button,
  select,
  input,
  textarea {
    all: revert;
    font: inherit;
    font-size: 0.95em;
    color: inherit;
  }
  button {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 2px 8px;
    border: 1px solid var(--cbm-border-color, #d0d7de);
    border-radius: 4px;
    background: var(--cbm-button-background, var(--cbm-panel-background, #ffffff));
    color: var(--cbm-panel-color, #1f2328);
    cursor: pointer;
    min-height: 26px;
    margin: 0;
    width: auto;
    float: none;
    text-transform: none;
    box-shadow: none;
  }
  button:hover {
    background: var(--cbm-button-hover-background, #f3f4f6);
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible,
  .map:focus-visible,
  tr[tabindex]:focus-visible,
  th button:focus-visible {
    outline: 2px solid var(--cbm-accent-color, #0b5cad);
    outline-offset: 1px;
  }
  select,
  input:not([type='checkbox']):not([type='radio']):not([type='file']) {
    padding: 2px 4px;
    border: 1px solid var(--cbm-border-color, #d0d7de);
    border-radius: 4px;
    background: var(--cbm-button-background, var(--cbm-panel-background, #ffffff));
    color: var(--cbm-panel-color, #1f2328);
    max-width: 100%;
  }
  .body {
    flex: 1 1 auto;
    display: flex;
    min-height: 0;
    position: relative;
  }
  .map-wrap {
    flex: 1 1 auto;
    position: relative;
    min-width: 0;
    min-height: 0;
  }
  .map {
    position: absolute;
    inset: 0;
    background: var(--cbm-map-background, #f4f1ea);
  }
  /* On a host page's map: no map area here, the legend flows in the element. */
  .map-wrap.host-map {
    flex: 0 1 auto;
    min-width: 200px;
    padding: 8px;
  }
  .map-wrap.host-map .legend {
    position: static;
    max-width: none;
    max-height: none;
  }
  .side-panel {
    /* A fixed width: wide tables scroll inside the panel instead of widening it. */
    flex: 0 0 var(--cbm-panel-width, 380px);
    width: var(--cbm-panel-width, 380px);
    min-width: 0;
    max-width: 60%;
    display: flex;
    flex-direction: column;
    border-inline-start: 1px solid var(--cbm-border-color, #d0d7de);
    background: var(--cbm-panel-background, #ffffff);
    color: var(--cbm-panel-color, #1f2328);
    font-family: var(--cbm-panel-font-family, inherit);
    min-height: 0;
  }
  .side-panel[hidden] {
    display: none;
  }
  /* Narrow elements (a phone, a portal's side column): the panel goes under the map. */
  @container cbm-frame (max-width: 600px) {
    .body {
      flex-direction: column;
    }
    .side-panel {
      flex: 0 0 45%;
      width: auto;
      max-width: none;
      border-inline-start: none;
      border-top: 1px solid var(--cbm-border-color, #d0d7de);
    }
  }
  .tabs {
    display: flex;
    border-bottom: 1px solid var(--cbm-border-color, #d0d7de);
  }
  .tabs button {
    border: none;
    border-radius: 0;
    border-bottom: 2px solid transparent;
    background: transparent;
    padding: 6px 10px;
  }
  .tabs button[aria-selected='true'] {
    border-bottom-color: var(--cbm-accent-color, #0b5cad);
    font-weight: 600;
  }
  .tabpanel {
    overflow: auto;
    padding: 8px;
    flex: 1 1 auto;
    min-height: 0;
  }
  .tabpanel h3 {
    font-size: 1em;
    margin: 12px 0 4px;
  }
  .tabpanel h3:first-child {
    margin-top: 0;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.9em;
    margin: 0;
    background: transparent;
  }
  th,
  td {
    border: none;
    border-bottom: 1px solid var(--cbm-border-color, #e5e7eb);
    padding: 2px 4px;
    text-align: start;
    vertical-align: middle;
    background: transparent;
    color: inherit;
  }
  td.num,
  th.num {
    text-align: end;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  th button {
    border: none;
    background: transparent;
    padding: 0;
    font-weight: 600;
    min-height: 0;
  }
  th[rowspan] {
    vertical-align: top;
  }
  dl.totals {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 2px 12px;
    margin: 0 0 8px;
  }
  dl.totals dt {
    color: var(--cbm-muted-color, #59636e);
  }
  dl.totals dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  fieldset {
    border: 1px solid var(--cbm-border-color, #d0d7de);
    border-radius: 4px;
    margin: 6px 0;
    padding: 4px 8px 8px;
  }
  tr.selected td {
    background: var(--cbm-selected-row-background, #ddf4ff);
  }
  tr[tabindex] {
    cursor: pointer;
  }
  .field-row {
    display: grid;
    /* minmax(0, …): a select with long option texts shrinks to the panel instead of widening it. */
    grid-template-columns: 9em minmax(0, 1fr);
    gap: 4px 6px;
    align-items: center;
    margin: 3px 0;
  }
  .field-row select,
  td select {
    width: 100%;
    min-width: 0;
  }
  /* The inventory rows: fixed columns, inputs as wide as their cells. */
  table.totals {
    table-layout: fixed;
  }
  table.totals th:nth-child(1) { width: 24%; }
  table.totals th:nth-child(2) { width: 24%; }
  table.totals th:nth-child(3) { width: 18%; }
  table.totals th:nth-child(4) { width: 20%; }
  table.totals th:nth-child(5) { width: 14%; }
  table.totals th {
    overflow-wrap: anywhere;
  }
  table.totals input {
    width: 100%;
    min-width: 0;
  }
  table.totals button {
    max-width: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .samples {
    grid-column: 2;
    font-size: 0.8em;
    color: var(--cbm-muted-color, #59636e);
    overflow-wrap: anywhere;
  }
  .issues {
    list-style: none;
    padding: 0;
    margin: 4px 0;
  }
  .issues li {
    padding: 3px 6px;
    margin: 2px 0;
    border-inline-start: 3px solid var(--cbm-warning-color, #bf8700);
    background: var(--cbm-warning-background, #fff8c5);
    /* Tinted notes keep dark text on their light tints whatever the panel colour. */
    color: var(--cbm-notice-color, #1f2328);
    font-size: 0.85em;
  }
  .run-warnings {
    padding: 3px 6px;
    margin: 4px 0;
    border-inline-start: 3px solid var(--cbm-warning-color, #bf8700);
    background: var(--cbm-warning-background, #fff8c5);
    color: var(--cbm-notice-color, #1f2328);
    font-size: 0.85em;
  }
  .issues li.error {
    border-inline-start-color: var(--cbm-error-color, #cf222e);
    background: var(--cbm-error-background, #ffebe9);
  }
  .issues li.info {
    border-inline-start-color: var(--cbm-accent-color, #0b5cad);
    background: var(--cbm-info-background, #ddf4ff);
  }
  .legend {
    position: absolute;
    left: 8px;
    bottom: 8px;
    max-height: calc(100% - 16px);
    overflow: auto;
    background: var(--cbm-legend-background, var(--cbm-panel-background, rgba(255, 255, 255, 0.92)));
    color: var(--cbm-panel-color, #1f2328);
    border: 1px solid var(--cbm-border-color, #d0d7de);
    border-radius: 4px;
    padding: 6px 8px;
    font-size: 0.82em;
    max-width: min(320px, 60%);
    z-index: 2;
  }
  .legend h2 {
    font-size: 1em;
    margin: 0 0 4px;
  }
  .legend ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: 6px;
    margin: 2px 0;
  }
  .legend .count {
    margin-inline-start: auto;
    padding-inline-start: 8px;
    color: var(--cbm-muted-color, #59636e);
    font-variant-numeric: tabular-nums;
  }
  .swatch {
    display: inline-block;
    width: 14px;
    height: 14px;
    flex: 0 0 14px;
    border: 1px solid rgba(0, 0, 0, 0.35);
  }
  .popup {
    position: relative;
    min-width: 220px;
    max-width: 320px;
    background: var(--cbm-popup-background, var(--cbm-panel-background, #ffffff));
    color: var(--cbm-panel-color, #1f2328);
    border: 1px solid var(--cbm-border-color, #d0d7de);
    border-radius: 6px;
    padding: 8px 10px;
    box-shadow: 0 4px 14px rgba(0, 0, 0, 0.18);
    font-size: 0.85em;
  }
  .popup[hidden] {
    display: none;
  }
  .popup h2 {
    font-size: 1.05em;
    margin: 0 24px 4px 0;
    overflow-wrap: anywhere;
  }
  .popup dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 1px 8px;
    margin: 0;
  }
  .popup dt {
    color: var(--cbm-muted-color, #59636e);
  }
  .popup dd {
    margin: 0;
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .popup .close {
    position: absolute;
    top: 4px;
    right: 4px;
    padding: 0 6px;
    min-height: 0;
  }
  .zone-chip {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
    border: 0;
  }
  .message {
    position: absolute;
    top: 8px;
    left: 50%;
    transform: translateX(-50%);
    z-index: 3;
    background: var(--cbm-panel-background, #ffffff);
    border: 1px solid var(--cbm-border-color, #d0d7de);
    border-radius: 4px;
    padding: 4px 10px;
    font-size: 0.9em;
    max-width: 80%;
  }
  .message.error {
    border-color: var(--cbm-error-color, #cf222e);
  }
  .chart text {
    font-size: 11px;
    fill: currentColor;
  }
  .chart text.tick {
    font-size: 9px;
    fill: var(--cbm-muted-color, #59636e);
  }
  .dropzone {
    border: 1px dashed var(--cbm-border-color, #8c959f);
    border-radius: 4px;
    padding: 6px;
    margin: 6px 0;
    font-size: 0.85em;
  }
  .dropzone.over {
    background: var(--cbm-info-background, #ddf4ff);
  }
  .row-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin: 6px 0;
  }
  textarea {
    width: 100%;
    min-height: 120px;
    font-family: ui-monospace, monospace;
    font-size: 0.8em;
  }
  input[type='number'] {
    width: 8em;
  }
  /* The legend takes the lower-left corner; the scale bar goes lower-right. */
  .ol-scale-line {
    left: auto;
    right: 8px;
  }
  /* The ol-ext layer switcher sits top-right, under the zoom buttons' column. */
  .ol-layerswitcher {
    top: 0.5em;
    right: 0.5em;
  }
`;
