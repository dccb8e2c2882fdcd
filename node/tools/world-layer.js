// Regenerates node/src/main/resources/static/console/world.js, the console's offline base layer:
// Natural Earth 1:110m land (public domain) from the world-atlas 2.0.2 npm package (ISC).
//   npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz && node world-layer.js
// (run in the folder holding package/; writes world.js there).
const fs=require('fs');
const t=JSON.parse(fs.readFileSync('package/land-110m.json'));
const [sx,sy]=t.transform.scale,[tx,ty]=t.transform.translate;
const arcs=t.arcs.map(a=>{let x=0,y=0;return a.map(p=>{x+=p[0];y+=p[1];return [Math.round((x*sx+tx)*10)/10,Math.round((y*sy+ty)*10)/10];});});
function arc(i){return i>=0?arcs[i].slice():arcs[~i].slice().reverse();}
function ring(ix){let r=[];ix.forEach((i,k)=>{const a=arc(i);if(k)a.shift();r=r.concat(a);});
 if(r.some(p=>p[1]<-60)) return r.map(p=>[p[0],Math.max(p[1],-85)]);
 // Rings that cross the antimeridian are unwrapped (longitudes past 180) so no line crosses the map.
 let shift=0;const u=r.map((p,k)=>{if(k){const d=p[0]-r[k-1][0];if(d>180)shift-=360;else if(d<-180)shift+=360;}return [p[0]+shift,p[1]];});
 // Keep most of the ring on the main copy of the world.
 const mean=u.reduce((s,p)=>s+p[0],0)/u.length, back=360*Math.round(mean/360);
 return u.map(p=>[Math.round((p[0]-back)*10)/10,p[1]]);}
const polys=[];
for(const g of t.objects.land.geometries){ if(g.type==='MultiPolygon') g.arcs.forEach(p=>polys.push(p.map(ring))); else if(g.type==='Polygon') polys.push(g.arcs.map(ring)); }
const gj={type:'Feature',properties:{source:'Natural Earth 110m land (public domain), via world-atlas 2.0.2'},geometry:{type:'MultiPolygon',coordinates:polys}};
fs.writeFileSync('world.js','// Natural Earth 1:110m land (public domain), decoded from the world-atlas 2.0.2 npm package\n// (ISC) and rounded to 0.1 degree: the offline base layer of the console maps.\nwindow.CATALOG_WORLD='+JSON.stringify(gj)+';\n');
