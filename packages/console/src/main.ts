/**
 * The console's entry: the page's styles and `<sceau-console>`; every page is loaded on demand.
 * @module
 */
import "./styles/page.css";
import "./app/sceau-console.js";
