// The Box–Muller draws' ln, sin and cos: src/model/fdlibmMath.ts line by line (fdlibm's
// algorithms and constants, Sun Microsystems, 1993; see there for the derivation and the domain:
// log for normal x in (0, 1), sinCos for x in [0, 2π), nothing checked). The same operations in
// the same order, so the same bits as the TypeScript reference, and no call to the host. The
// constants are the same decimals, with fdlibm's high and low words beside them.

@inline
function high(x: f64): i32 {
  return <i32>(reinterpret<i64>(x) >>> 32);
}

/** The double with high word `hi` and low word `lo`. */
@inline
function fromWords(hi: i32, lo: i32): f64 {
  return reinterpret<f64>((<i64>hi << 32) | <i64>(<u32>lo));
}

const LN2_HI: f64 = 0.6931471803691238; // 0x3FE62E42 FEE00000
const LN2_LO: f64 = 1.9082149292705877e-10; // 0x3DEA39EF 35793C76
const LG1: f64 = 0.6666666666666735; // 0x3FE55555 55555593
const LG2: f64 = 0.3999999999940942; // 0x3FD99999 9997FA04
const LG3: f64 = 0.2857142874366239; // 0x3FD24924 94229359
const LG4: f64 = 0.22222198432149784; // 0x3FCC71C5 1D8E78AF
const LG5: f64 = 0.1818357216161805; // 0x3FC74664 96CB03DE
const LG6: f64 = 0.15313837699209373; // 0x3FC39A09 D078C69F
const LG7: f64 = 0.14798198605116586; // 0x3FC2F112 DF3E5244

/** ln x for a normal double x in (0, 1) (fdlibm's __ieee754_log). */
@inline
export function log(x: f64): f64 {
  let hx = high(x);
  let k = (hx >> 20) - 1023;
  hx &= 0x000fffff;
  // x·2⁻ᵏ: the double fdlibm makes by setting the exponent bits (as model/fdlibmMath.ts does).
  const i = (hx + 0x95f64) & 0x100000;
  k += i >> 20;
  const f = x * fromWords((1023 - k) << 20, 0) - 1.0;
  const dk = <f64>k;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f == 0) return k == 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    return k == 0 ? f - r : dk * LN2_HI - (r - dk * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k == 0
      ? f - (hfsq - s * (hfsq + r))
      : dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  return k == 0 ? f - s * (f - r) : dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}

const S1: f64 = -0.16666666666666632; // 0xBFC55555 55555549
const S2: f64 = 0.00833333333332249; // 0x3F811111 1110F8A6
const S3: f64 = -0.0001984126982985795; // 0xBF2A01A0 19C161D5
const S4: f64 = 0.0000027557313707070068; // 0x3EC71DE3 57B1FE7D
const S5: f64 = -2.5050760253406863e-8; // 0xBE5AE5E6 8A2B9CEB
const S6: f64 = 1.58969099521155e-10; // 0x3DE5D93A 5ACFD57C
const C1: f64 = 0.0416666666666666; // 0x3FA55555 5555554C
const C2: f64 = -0.001388888888887411; // 0xBF56C16C 16C15177
const C3: f64 = 0.00002480158728947673; // 0x3EFA01A0 19CB1590
const C4: f64 = -2.7557314351390663e-7; // 0xBE927E4F 809C52AD
const C5: f64 = 2.087572321298175e-9; // 0x3E21EE9E BDB4B1C4
const C6: f64 = -1.1359647557788195e-11; // 0xBDA8FAE9 BE8838D4

/**
 * sin(x + y) for |x| ≤ π/4, y the tail of x (`tail` false: y = 0, the unreduced formula), ix the
 * high word of |x|.
 */
@inline
function kernelSin(x: f64, y: f64, tail: bool, ix: i32): f64 {
  if (ix < 0x3e400000) return x;
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (!tail) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/** cos(x + y) for |x| ≤ π/4, y the tail of x, ix the high word of |x|. */
@inline
function kernelCos(x: f64, y: f64, ix: i32): f64 {
  if (ix < 0x3e400000) return 1.0;
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1.0 - (0.5 * z - (z * r - x * y));
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0);
  const hz = 0.5 * z - qx;
  const a = 1.0 - qx;
  return a - (hz - (z * r - x * y));
}

const INVPIO2: f64 = 0.6366197723675814; // 0x3FE45F30 6DC9C883
const PIO2_1: f64 = 1.5707963267341256; // 0x3FF921FB 54400000
const PIO2_1T: f64 = 6.077100506506192e-11; // 0x3DD0B461 1A626331
const PIO2_2: f64 = 6.077100506303966e-11; // 0x3DD0B461 1A600000
const PIO2_2T: f64 = 2.0222662487959506e-21; // 0x3BA3198A 2E037073
const PIO2_3: f64 = 2.0222662487111665e-21; // 0x3BA3198A 2E000000
const PIO2_3T: f64 = 8.4784276603689e-32; // 0x397B839A 252049C1

/** The high word of n·π/2, n = 1 … 4. */
@inline
function npio2High(n: i32): i32 {
  return n == 1 ? 0x3ff921fb : n == 2 ? 0x400921fb : n == 3 ? 0x4012d97c : 0x401921fb;
}

/** cos of sinCos's last argument. */
export let cosine: f64 = 0;

/** sin x for x in [0, 2π), returned, and cos x, left in `cosine`, from one reduction. */
@inline
export function sinCos(x: f64): f64 {
  const ix = high(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    cosine = kernelCos(x, 0, ix);
    return kernelSin(x, 0, false, ix);
  }
  let n: i32;
  let y0: f64;
  let y1: f64;
  if (ix < 0x4002d97c) {
    n = 1;
    let z = x - PIO2_1;
    if (ix != 0x3ff921fb) {
      y0 = z - PIO2_1T;
      y1 = z - y0 - PIO2_1T;
    } else {
      z -= PIO2_2;
      y0 = z - PIO2_2T;
      y1 = z - y0 - PIO2_2T;
    }
  } else {
    n = <i32>(x * INVPIO2 + 0.5);
    const fn = <f64>n;
    let r = x - fn * PIO2_1;
    let w = fn * PIO2_1T;
    y0 = r - w;
    if (ix == npio2High(n)) {
      const j = ix >> 20;
      if (j - ((high(y0) >> 20) & 0x7ff) > 16) {
        let t = r;
        w = fn * PIO2_2;
        r = t - w;
        w = fn * PIO2_2T - (t - r - w);
        y0 = r - w;
        if (j - ((high(y0) >> 20) & 0x7ff) > 49) {
          t = r;
          w = fn * PIO2_3;
          r = t - w;
          w = fn * PIO2_3T - (t - r - w);
          y0 = r - w;
        }
      }
    }
    y1 = r - y0 - w;
  }
  const iy = high(y0) & 0x7fffffff;
  const s = kernelSin(y0, y1, true, iy);
  const c = kernelCos(y0, y1, iy);
  const q = n & 3;
  cosine = q == 0 ? c : q == 1 ? -s : q == 2 ? -c : s;
  return q == 0 ? s : q == 1 ? c : q == 2 ? -s : -c;
}
