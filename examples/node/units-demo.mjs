// fleetgate from Node.js (the napi module): exact odometer units. Run: node examples/node/units-demo.mjs
import fleetgate from 'fleetgate';

const { units } = fleetgate;
console.log('== Node: fleetgate (napi) units ==');
console.log("units.toMetres('12,345.6', 'mi') =", units.toMetres('12,345.6', 'mi'));
console.log("units.toMetres(999999, 'miles')  =", units.toMetres(999999, 'miles'), '(x1.60934 would say 1609338391)');
console.log("units.fromMetres(1609344, 'mi')  =", units.fromMetres(1609344, 'mi'));
console.log("units.convert(1, 'mi', 'km')     =", units.convert(1, 'mi', 'km'));
try {
  units.toMetres('abc', 'km');
} catch (err) {
  console.log(`units.toMetres('abc', 'km') -> ${err.name} code=${err.code}: ${err.message}`);
}
