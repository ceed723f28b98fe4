/**
 * The logarithm, sine and cosine of the Box–Muller draws (model/rng.ts), as our own functions so
 * that a run's normal deviates do not depend on the JavaScript engine's Math, and so that the
 * WebAssembly front end (kernels/wasm/assembly/fdlibmMath.ts, the same code line by line, inlined
 * into frontEnd.ts) gives the same bits without calling the host.
 *
 * The algorithms and every constant are fdlibm's (Sun Microsystems, 1993: e_log.c, k_sin.c,
 * k_cos.c, e_rem_pio2.c, s_sin.c, s_cos.c), the routines V8 11 (Node 20) runs for Math.log, sin
 * and cos (src/base/ieee754.cc), so on Node 20 these return exactly Math's bits; the test
 * test/model/fdlibmMath.test.ts pins that, and with it that the streams equal the historical ones.
 *
 * Domain (the only one the generator uses; nothing is checked):
 *   log(x): x a normal double in (0, 1) (the draws are u32 / 2³² ≥ 2⁻³²);
 *   sinCos(x): x in [0, 2π), finite and not negative (the draws are 2π·v, v in [0, 1)).
 * Outside it the results are wrong, not errors: the subnormal, negative, infinite and large
 * argument paths of fdlibm are left out.
 *
 * Each constant is written as the shortest decimal that gives fdlibm's double, with fdlibm's
 * high and low words beside it (a test of the port: the two agree, checked when written).
 */

// Word access to a double: the high word holds sign, exponent and the top 20 bits of the mantissa.
const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE ? 1 : 0;
const LO = LITTLE ? 0 : 1;

function high(x: number): number {
  f64[0] = x;
  return i32[HI];
}

/** The double with high word `hi` and low word `lo`. */
function fromWords(hi: number, lo: number): number {
  i32[HI] = hi;
  i32[LO] = lo;
  return f64[0];
}

/** 2ʲ for j = 0 … 32 (log's −k for x in [2⁻³², 1)). */
const POW2 = Float64Array.from({ length: 33 }, (_, j) => 2 ** j);

// e_log.c: ln 2 split so that k·ln2_hi is exact, and the minimax polynomial R(z) ≈ Lg1·z + … + Lg7·z⁷.
const LN2_HI = 0.6931471803691238; // 0x3FE62E42 FEE00000
const LN2_LO = 1.9082149292705877e-10; // 0x3DEA39EF 35793C76
const LG1 = 0.6666666666666735; // 0x3FE55555 55555593
const LG2 = 0.3999999999940942; // 0x3FD99999 9997FA04
const LG3 = 0.2857142874366239; // 0x3FD24924 94229359
const LG4 = 0.22222198432149784; // 0x3FCC71C5 1D8E78AF
const LG5 = 0.1818357216161805; // 0x3FC74664 96CB03DE
const LG6 = 0.15313837699209373; // 0x3FC39A09 D078C69F
const LG7 = 0.14798198605116586; // 0x3FC2F112 DF3E5244

/**
 * ln x for a normal double x in (0, 1), fdlibm's __ieee754_log: x = 2^k·(1 + f) with
 * √2/2 < 1 + f < √2, s = f/(2 + f), ln(1 + f) = f − s·(f − R(s²)) (or with hfsq = f²/2 for the
 * larger f), plus k·ln 2 in two parts; |f| < 2⁻²⁰ by a short series.
 */
export function log(x: number): number {
  let hx = high(x);
  let k = (hx >> 20) - 1023;
  hx &= 0x000fffff;
  // Normalize x or x/2 into [√2/2, √2): fdlibm sets the exponent bits; x·2⁻ᵏ is the same
  // double (exact, a power of 2), without a store and reload of x's words.
  const i = (hx + 0x95f64) & 0x100000;
  k += i >> 20;
  const f = x * POW2[-k] - 1.0;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2⁻²⁰.
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - r : dk * LN2_HI - (r - dk * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0
      ? f - (hfsq - s * (hfsq + r))
      : dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - r) : dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}

// k_sin.c and k_cos.c: minimax polynomials for sin and cos on [−π/4, π/4].
const S1 = -0.16666666666666632; // 0xBFC55555 55555549
const S2 = 0.00833333333332249; // 0x3F811111 1110F8A6
const S3 = -0.0001984126982985795; // 0xBF2A01A0 19C161D5
const S4 = 0.0000027557313707070068; // 0x3EC71DE3 57B1FE7D
const S5 = -2.5050760253406863e-8; // 0xBE5AE5E6 8A2B9CEB
const S6 = 1.58969099521155e-10; // 0x3DE5D93A 5ACFD57C
const C1 = 0.0416666666666666; // 0x3FA55555 5555554C
const C2 = -0.001388888888887411; // 0xBF56C16C 16C15177
const C3 = 0.00002480158728947673; // 0x3EFA01A0 19CB1590
const C4 = -2.7557314351390663e-7; // 0xBE927E4F 809C52AD
const C5 = 2.087572321298175e-9; // 0x3E21EE9E BDB4B1C4
const C6 = -1.1359647557788195e-11; // 0xBDA8FAE9 BE8838D4

/**
 * sin(x + y) for |x| ≤ π/4, y the tail of x (`tail` false: y = 0, the unreduced formula), ix the
 * high word of |x|.
 */
function kernelSin(x: number, y: number, tail: boolean, ix: number): number {
  if (ix < 0x3e400000) return x; // |x| < 2⁻²⁷
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (!tail) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/** cos(x + y) for |x| ≤ π/4, y the tail of x, ix the high word of |x|. */
function kernelCos(x: number, y: number, ix: number): number {
  if (ix < 0x3e400000) return 1.0; // |x| < 2⁻²⁷
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1.0 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  // qx = x/4 with its low word cleared, or 0.28125 above 0.78125.
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0);
  const hz = 0.5 * z - qx;
  const a = 1.0 - qx;
  return a - (hz - (z * r - x * y));
}

// e_rem_pio2.c: 2/π, and π/2 in three 33-bit pieces, each with the tail after it.
const INVPIO2 = 0.6366197723675814; // 0x3FE45F30 6DC9C883
const PIO2_1 = 1.5707963267341256; // 0x3FF921FB 54400000
const PIO2_1T = 6.077100506506192e-11; // 0x3DD0B461 1A626331
const PIO2_2 = 6.077100506303966e-11; // 0x3DD0B461 1A600000
const PIO2_2T = 2.0222662487959506e-21; // 0x3BA3198A 2E037073
const PIO2_3 = 2.0222662487111665e-21; // 0x3BA3198A 2E000000
const PIO2_3T = 8.4784276603689e-32; // 0x397B839A 252049C1

/** The high word of n·π/2, n = 1 … 4 (a possible cancellation where x's equals it). */
function npio2High(n: number): number {
  return n === 1 ? 0x3ff921fb : n === 2 ? 0x400921fb : n === 3 ? 0x4012d97c : 0x401921fb;
}

/**
 * sin x and cos x for x in [0, 2π) from one argument reduction, written to out[0] and out[1]:
 * fdlibm's sin and cos (s_sin.c, s_cos.c) with __ieee754_rem_pio2's paths for this range,
 * x = n·π/2 + (y0 + y1) with π/2 taken to 33 + 53 bits, or to 66 + 53 or 99 + 53 bits where x
 * lies close to a multiple of π/2 and the first pieces cancel.
 */
export function sinCos(x: number, out: Float64Array): void {
  const ix = high(x) & 0x7fffffff;
  let s: number;
  let c: number;
  let n: number;
  if (ix <= 0x3fe921fb) {
    // |x| ≲ π/4: no reduction.
    s = kernelSin(x, 0, false, ix);
    c = kernelCos(x, 0, ix);
    out[0] = s;
    out[1] = c;
    return;
  }
  let y0: number;
  let y1: number;
  if (ix < 0x4002d97c) {
    // x < 3π/4: n = 1.
    n = 1;
    let z = x - PIO2_1;
    if (ix !== 0x3ff921fb) {
      y0 = z - PIO2_1T;
      y1 = z - y0 - PIO2_1T;
    } else {
      // Near π/2: 33 + 33 + 53 bits of π/2.
      z -= PIO2_2;
      y0 = z - PIO2_2T;
      y1 = z - y0 - PIO2_2T;
    }
  } else {
    n = (x * INVPIO2 + 0.5) | 0;
    const fn = n;
    let r = x - fn * PIO2_1;
    let w = fn * PIO2_1T;
    y0 = r - w;
    if (ix === npio2High(n)) {
      // Where r − w cancels (its exponent 16 or more below x's), more bits of π/2.
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
  s = kernelSin(y0, y1, true, iy);
  c = kernelCos(y0, y1, iy);
  switch (n & 3) {
    case 0:
      out[0] = s;
      out[1] = c;
      break;
    case 1:
      out[0] = c;
      out[1] = -s;
      break;
    case 2:
      out[0] = -s;
      out[1] = -c;
      break;
    default:
      out[0] = -c;
      out[1] = s;
  }
}
