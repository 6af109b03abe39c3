// SPDX-License-Identifier: MIT
#include "report/html_assets.h"

namespace hs::html {

// Colours are CSS variables so that the SVG charts (which use classes, never inline styles: the CSP
// would block them) follow the light/dark scheme and the print stylesheet.
std::string_view reportStyle() noexcept
{
    return R"CSS(
:root{color-scheme:light dark;--bg:#f4f6f9;--card:#fff;--fg:#1c2230;--muted:#5d6778;--line:#dde2ea;
--soft:#eef1f6;--accent:#2459a6;--code:#f3f5f8;--head:#16243b;--headfg:#f2f5fa;--headmuted:#aab6c8;
--crit:#c0392b;--warn:#c27c0e;--info:#2f7fbf;--ok:#2e8b57;--ev:#9dbbe0;--er:#d64545;--grid:#e6e9ef;
--c0:#a0a7b4;--c1:#76b7b2;--c2:#59a14f;--c3:#4e79a7;--c4:#f28e2b;--c5:#e15759;
--s0:#4e79a7;--s1:#f28e2b;--s2:#e15759;--s3:#76b7b2;--s4:#59a14f;--s5:#edc948;--s6:#b07aa1;--s7:#ff9da7;--s8:#9c755f;--s9:#bab0ac}
@media (prefers-color-scheme:dark){:root{--bg:#12151b;--card:#1b2029;--fg:#e4e8ef;--muted:#9aa4b5;--line:#323a47;
--soft:#232a35;--accent:#82b1ff;--code:#232934;--head:#0c1422;--headfg:#eef2f8;--headmuted:#8f9bb0;
--crit:#e5584a;--warn:#e0a030;--info:#5aa6e6;--ok:#4cbb7f;--ev:#56749c;--er:#ef6b6b;--grid:#2a313c}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:var(--accent)}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
.top{background:var(--head);color:var(--headfg);padding:28px 0 22px}
.top .wrap{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:flex-end;justify-content:space-between}
.top h1{margin:0;font-size:24px;font-weight:650;letter-spacing:-.01em}
.top .sub{color:var(--headmuted);margin-top:4px}
.top .brand{font-size:12px;text-transform:uppercase;letter-spacing:.12em;color:var(--headmuted)}
.wrap{max-width:1200px;margin:0 auto;padding:0 28px}
nav.toc{position:sticky;top:0;z-index:2;background:var(--card);border-bottom:1px solid var(--line)}
nav.toc .wrap{display:flex;gap:4px 18px;flex-wrap:wrap;padding-top:8px;padding-bottom:8px;align-items:center}
nav.toc a{text-decoration:none;color:var(--muted);font-weight:550}
nav.toc a:hover{color:var(--accent)}
nav.toc button{margin-left:auto}
button{font:inherit;font-size:12.5px;color:var(--fg);background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:3px 10px;cursor:pointer}
section{margin-top:28px}
h2{font-size:19px;margin:0 0 12px;font-weight:650}
h3{font-size:15px;margin:18px 0 8px}
.card>h3:first-child{margin-top:0}
h4{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:16px 0 6px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px;margin-bottom:14px}
.muted{color:var(--muted)}
.small{font-size:12.5px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(128px,1fr));gap:12px;margin-top:18px}
.tile{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.tile .v{font-size:22px;font-weight:650;font-variant-numeric:tabular-nums}
.tile .k{color:var(--muted);font-size:12.5px}
.tile.critical .v{color:var(--crit)}.tile.warning .v{color:var(--warn)}.tile.info .v{color:var(--info)}
.notes{margin:14px 0 0;padding-left:20px}
.notes li{margin:2px 0}
.notes li.warn::marker{color:var(--warn)}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);font-weight:600;white-space:nowrap}
td.n,th.n{text-align:right;white-space:nowrap}
tbody tr:hover{background:var(--soft)}
.sortable-h{cursor:pointer;user-select:none}
.sortable-h::after{content:" \2195";opacity:.35}
th[aria-sort=ascending]::after{content:" \2191";opacity:.9}
th[aria-sort=descending]::after{content:" \2193";opacity:.9}
.scroll{overflow-x:auto}
.badge{display:inline-block;border-radius:999px;padding:1px 9px;font-size:11.5px;font-weight:650;text-transform:uppercase;letter-spacing:.05em;white-space:nowrap;vertical-align:middle}
.badge.critical{background:var(--crit);color:#fff}.badge.warning{background:var(--warn);color:#fff}.badge.info{background:var(--info);color:#fff}
.badge.conf{background:var(--soft);color:var(--fg);border:1px solid var(--line)}
.chip{display:inline-block;background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:0 7px;margin:2px 4px 2px 0;font-size:12.5px;white-space:nowrap}
.finding{border-left:5px solid var(--info)}
.finding.critical{border-left-color:var(--crit)}.finding.warning{border-left-color:var(--warn)}
.finding header{display:flex;flex-wrap:wrap;gap:6px 10px;align-items:center}
.finding h3{margin:0;font-size:16.5px;flex:1 1 360px}
.finding .num{color:var(--muted);font-weight:600}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:3px 14px;margin:12px 0 6px}
.facts dt{color:var(--muted)}
.facts dd{margin:0}
.summary{margin:10px 0 4px;font-size:14.5px}
.ev td.where,.ev td.when{white-space:nowrap}
[id]{scroll-margin-top:52px}
table.small th,table.small td{padding:4px 6px}
td.path{word-break:break-all;min-width:12em}
td.conn{white-space:nowrap}
table.reasons td.meaning,table.reasons th.meaning{min-width:22em}
td.top{word-break:break-all;min-width:9em}
.raw{white-space:pre-wrap;word-break:break-all;margin:0}
.more{color:var(--muted);font-style:italic}
.tx{display:flex;flex-wrap:wrap;align-items:center;gap:4px 2px;margin:6px 0}
.step{border:1px solid var(--line);border-radius:6px;padding:2px 8px;background:var(--soft);font-size:12.5px}
.step.ok{border-color:var(--ok)}.step.err{border-color:var(--crit);color:var(--crit)}
.step.stray{border-color:var(--crit);border-style:dashed;color:var(--crit);font-weight:650}
.step.interim{border-color:var(--info)}
.arrow{color:var(--muted);padding:0 3px}
.txmeta{color:var(--muted);font-size:12.5px;margin-bottom:4px}
.rem{list-style:none;padding:0;margin:6px 0}
.rem li{display:grid;grid-template-columns:118px 1fr;gap:2px 12px;padding:7px 0;border-top:1px dashed var(--line)}
.rem li:first-child{border-top:none}
.kind{font-size:11.5px;font-weight:650;text-transform:uppercase;letter-spacing:.05em;color:var(--accent);padding-top:1px}
.prereq{grid-column:2;color:var(--muted);font-size:12.5px}
details>summary{cursor:pointer;color:var(--accent);margin:6px 0}
details.block{margin-top:8px}
.empty{padding:18px;text-align:center;color:var(--muted)}
.chart{margin:4px 0 10px}
svg.c{display:block;width:100%;height:auto}
svg.c text{fill:var(--muted);font:11px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
svg.c text.lbl{fill:var(--fg);font-weight:600}
svg.c .ax{stroke:var(--line)}svg.c .gr{stroke:var(--grid)}
svg.c .bg{fill:var(--soft)}
svg.c .pl{stroke:var(--muted);stroke-width:1.5}
svg.c a:hover rect{opacity:.75}
.ev{fill:var(--ev)}.er{fill:var(--er)}.m-critical{fill:var(--crit)}.m-warning{fill:var(--warn)}.m-info{fill:var(--info)}
.p50{fill:var(--s0)}.p90{fill:var(--s1)}.p99{fill:var(--s2)}.pmax{fill:var(--fg)}
.c0{fill:var(--c0)}.c1{fill:var(--c1)}.c2{fill:var(--c2)}.c3{fill:var(--c3)}.c4{fill:var(--c4)}.c5{fill:var(--c5)}
.s0{fill:var(--s0)}.s1{fill:var(--s1)}.s2{fill:var(--s2)}.s3{fill:var(--s3)}.s4{fill:var(--s4)}.s5{fill:var(--s5)}.s6{fill:var(--s6)}.s7{fill:var(--s7)}.s8{fill:var(--s8)}.s9{fill:var(--s9)}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12.5px;margin:4px 0}
.legend svg{width:11px;height:11px;vertical-align:-1px;margin-right:5px}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:14px}
.grid2 .card{margin-bottom:0}
.grid2 svg.c{max-width:640px}
footer{margin:36px 0 24px;color:var(--muted);font-size:12.5px}
@media (max-width:700px){.wrap{padding:0 14px}.grid2{grid-template-columns:1fr}.rem li{grid-template-columns:1fr}.prereq{grid-column:1}}
@media print{
:root{--bg:#fff;--card:#fff;--fg:#000;--muted:#444;--line:#bbb;--soft:#f2f2f2;--code:#f4f4f4;--head:#fff;--headfg:#000;--headmuted:#333}
body{font-size:11pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
nav.toc,.noprint,button{display:none!important}
.top{padding:0 0 8px;border-bottom:2px solid #000}
.wrap{max-width:none;padding:0}
.card,.tile,tr,.tx{break-inside:avoid}
.card{border-color:#bbb}
section{break-before:auto}
a{color:inherit;text-decoration:none}
details>summary{color:#000}
.grid2{display:block}.grid2 .card{margin-bottom:12px}
}
)CSS";
}

// Sorting for tables marked "sortable" (numbers from data-v), and opening every <details> while
// printing. Handlers are attached here: the CSP forbids inline event attributes.
std::string_view reportScript() noexcept
{
    return R"JS(
(function(){"use strict";
function key(c){if(!c)return{n:true,v:-Infinity};var v=c.getAttribute("data-v");
return v!==null?{n:true,v:parseFloat(v)}:{n:false,v:c.textContent.trim().toLowerCase()};}
Array.prototype.forEach.call(document.querySelectorAll("table.sortable"),function(t){
if(!t.tHead||!t.tBodies.length)return;var hs=t.tHead.rows[0].cells;
Array.prototype.forEach.call(hs,function(th,col){th.tabIndex=0;th.classList.add("sortable-h");
function sort(){var asc=th.getAttribute("aria-sort")!=="ascending";
Array.prototype.forEach.call(hs,function(h){h.removeAttribute("aria-sort");});
th.setAttribute("aria-sort",asc?"ascending":"descending");var b=t.tBodies[0];
var rows=Array.prototype.slice.call(b.rows);rows.sort(function(x,y){var p=key(x.cells[col]),q=key(y.cells[col]);
var r=p.n&&q.n?p.v-q.v:String(p.v).localeCompare(String(q.v));return asc?r:-r;});
rows.forEach(function(r){b.appendChild(r);});}
th.addEventListener("click",sort);th.addEventListener("keydown",function(e){
if(e.key==="Enter"||e.key===" "){e.preventDefault();sort();}});});});
var opened=[];function openAll(){Array.prototype.forEach.call(document.querySelectorAll("details:not([open])"),
function(d){d.open=true;opened.push(d);});}
window.addEventListener("beforeprint",openAll);
window.addEventListener("afterprint",function(){opened.forEach(function(d){d.open=false;});opened=[];});
var b=document.getElementById("toggle-all");if(b){b.hidden=false;b.addEventListener("click",function(){
var closed=document.querySelectorAll("details:not([open])").length>0;
Array.prototype.forEach.call(document.querySelectorAll("details"),function(d){d.open=closed;});
b.textContent=closed?"Collapse all":"Expand all";});}
})();
)JS";
}

} // namespace hs::html
