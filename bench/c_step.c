/* C (optionally OpenMP) peer of one Cerebellum.step(), timed for bench/run.js through
 * bench/c_step.js, which compiles this file at bench time (cc -O3 -march=native [-fopenmp]) into
 * a temporary directory and feeds it the job as a flat list of numbers on stdin (see read order
 * in main). Like bench/numpy_step.py it is not bit-identical to the engine (its own RNG and
 * wiring) but does the same work per step with the same array sizes, types and phases:
 * mossy OU noise and onsets, gamma-cascade basis, granule gather-sum over an N x K int32 index
 * array, Golgi selection of exactly k = round(f N) cells by a 1024-bin histogram (the engine's
 * rule), Purkinje sums over the active float32 rows in float64, olive delay line, the kappa-weighted
 * error history and the clipped update of the rows active L steps ago, MF->nucleus update.
 * Heavy phases are OpenMP loops (drive by cells, sums and updates by rows) with software prefetch
 * of the rows a few ahead; with OMP_NUM_THREADS=1 it is plain single-threaded C. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif

static double rd(void) {
  double x;
  if (scanf("%lf", &x) != 1) { fprintf(stderr, "c_step: short input\n"); exit(2); }
  return x;
}
static uint64_t rng_s = 88172645463325252ull;
static uint64_t xr(void) { rng_s ^= rng_s << 13; rng_s ^= rng_s >> 7; rng_s ^= rng_s << 17; return rng_s; }
static double urand(void) { return (xr() >> 11) * (1.0 / 9007199254740992.0); }
static double nrand(void) {
  double u = urand(), v = urand();
  if (u < 1e-300) u = 1e-300;
  return sqrt(-2 * log(u)) * cos(6.283185307179586 * v);
}
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
#define PF 8 /* rows prefetched ahead */

int main(void) {
  int N = rd(), K = rd(), P = rd(), M = rd(), B = rd(), order = rd(), C = rd(), fpc = rd();
  double dt = rd(), gainMin = rd(), gainMax = rd(), bg = rd(), noiseTau = rd(), noiseSd = rd();
  double minDelay = rd(), maxDelay = rd(), jitter = rd(), bumpGain = rd(), decayExp = rd(), tonicP = rd();
  double coding = rd(), floor_ = rd(); int quantile = rd();
  double w0 = rd(), outGain = rd(), lesion = rd();
  int delay = rd(); double errGain = rd();
  int pfOn = rd(); double ltd = rd(), ltp = rd(), lo = rd(), hi = rd(), nonAssoc = rd();
  int mfOn = rd(); double mfRate = rd(), mfMax = rd();
  int seed = rd(), warmup = rd(), steps = rd(); double seconds = rd();
  int L1 = rd(); double *kappa = malloc(sizeof(double) * L1); for (int i = 0; i < L1; i++) kappa[i] = rd();
  int period = rd();
  double *ctx = malloc(sizeof(double) * period * C), *tea = malloc(sizeof(double) * period * P);
  for (int i = 0; i < period * C; i++) ctx[i] = rd();
  for (int i = 0; i < period * P; i++) tea[i] = rd();
  rng_s ^= (uint64_t)seed * 0x9E3779B97F4A7C15ull; xr();

  double setup0 = now();
  /* mossy wiring */
  int *src = malloc(sizeof(int) * M), *perm = malloc(sizeof(int) * M);
  for (int i = 0; i < M; i++) { src[i] = -1; perm[i] = i; }
  for (int i = M - 1; i > 0; i--) { int j = xr() % (i + 1); int t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
  for (int c = 0; c < C; c++) for (int f = 0; f < fpc && c * fpc + f < M; f++) src[perm[c * fpc + f]] = c;
  float *gain = malloc(4 * M), *noise = calloc(M, 4), *rate = malloc(4 * M), *onset = calloc(M, 4);
  for (int i = 0; i < M; i++) gain[i] = gainMin + (gainMax - gainMin) * urand();
  double *prev = calloc(C, 8);
  double dec = exp(-dt / noiseTau), kick = noiseSd * sqrt(1 - dec * dec);
  /* basis */
  int U = 1 + B;
  float *leak = malloc(4 * M * B), *gin = malloc(4 * M * B), *scale = malloc(4 * M * B);
  float *stages = calloc((size_t)order * M * B, 4), *units = calloc((size_t)M * U, 4);
  for (int m = 0; m < M; m++) for (int j = 0; j < B; j++) {
    double nominal = minDelay * (B > 1 ? exp(log(maxDelay / minDelay) * j / (B - 1)) : 1);
    double d = fmax(dt, nominal * exp(jitter * nrand())), tau = d / (order - 1);
    leak[m * B + j] = exp(-dt / tau); gin[m * B + j] = 1 - leak[m * B + j];
    int k = order - 1; double lf = 0; for (int i = 2; i <= k; i++) lf += log(i);
    double peak = exp(k * log(k) - k - lf) / tau;
    scale[m * B + j] = bumpGain * pow(minDelay / d, decayExp) / (peak * dt);
  }
  /* granule wiring: K distinct fibres per cell */
  int32_t *inputs = malloc(sizeof(int32_t) * (size_t)N * K);
  for (int i = 0; i < N; i++) {
    int f[64];
    for (int k = 0; k < K; k++) {
      int ok; do { f[k] = xr() % M; ok = 1; for (int q = 0; q < k; q++) if (K <= M && f[q] == f[k]) ok = 0; } while (!ok);
      int unit = B > 0 && urand() >= tonicP ? 1 + (int)(xr() % B) : 0;
      inputs[(size_t)i * K + k] = f[k] * U + unit;
    }
  }
  float *drive = malloc(4 * (size_t)N);
  int target = quantile ? (int)fmax(1, floor(coding * N + 0.5)) : N;
  int norm = (int)fmax(1, floor(coding * N + 0.5));
  int32_t *above = malloc(4 * (size_t)N);
  float *w = malloc(4 * (size_t)N * P); for (size_t i = 0; i < (size_t)N * P; i++) w[i] = w0;
  float *v = calloc((size_t)M * P, 4);
  double cortex = (1 - lesion) * outGain;
  double *zh = calloc((size_t)(delay + 1) * P, 8); int zhead = -1;
  double *eh = calloc((size_t)L1 * P, 8);
  int32_t *ah = malloc(4 * (size_t)L1 * target); int *ac = calloc(L1, sizeof(int)); int head = -1;
  double *sum = malloc(8 * P), *z = malloc(8 * P), *err = malloc(8 * P), *dw = malloc(8 * P), *pause = malloc(8 * P);
  float *dwf = malloc(4 * P);
  uint32_t hist[1024];
  int nthreads = 1;
#ifdef _OPENMP
  nthreads = omp_get_max_threads();
#endif
  double *part = calloc((size_t)nthreads * P, 8);
  double setupSeconds = now() - setup0;

  long total = warmup + (steps > 0 ? steps : 1L << 40);
  double elapsed = 0, activeSum = 0; long done = 0;
  for (long t = 0; t < total; t++) {
    int timed = t >= warmup;
    if (timed && steps <= 0 && elapsed >= seconds) break;
    const double *c = ctx + (t % period) * C, *s = tea + (t % period) * P;
    double t0 = now();
    /* 1. mossy */
    for (int m = 0; m < M; m++) {
      if (kick > 0) noise[m] = dec * noise[m] + kick * nrand();
      double x = bg + noise[m];
      if (src[m] >= 0) { double val = c[src[m]]; x += gain[m] * val; double r = val - prev[src[m]]; onset[m] = gain[m] * (r > 0 ? r : 0); }
      rate[m] = x > 0 ? x : 0;
    }
    memcpy(prev, c, 8 * C);
    /* 2. basis */
    for (int m = 0; m < M; m++) {
      units[m * U] = rate[m];
      if (src[m] < 0) continue;
      for (int j = 0; j < B; j++) {
        float x = onset[m];
        for (int k = 0; k < order; k++) {
          float *st = &stages[((size_t)k * M + m) * B + j];
          float y = *st * leak[m * B + j] + gin[m * B + j] * x;
          if (y < 1e-12f) y = 0;
          *st = y; x = y;
        }
        units[m * U + 1 + j] = scale[m * B + j] * x;
      }
    }
    /* 3. granule drive and selection */
#pragma omp parallel for schedule(static)
    for (int i = 0; i < N; i++) {
      const int32_t *in = inputs + (size_t)i * K;
      float h = 0;
      for (int k = 0; k < K; k++) h += units[in[k]];
      drive[i] = h;
    }
    int na = 0; float mx = -INFINITY;
    for (int i = 0; i < N; i++) if (drive[i] > floor_) { above[na++] = i; if (drive[i] > mx) mx = drive[i]; }
    int32_t *active = ah; int count;
    head = (head + 1) % L1; active = ah + (size_t)head * target;
    if (na <= target) { memcpy(active, above, 4 * na); count = na; }
    else {
      memset(hist, 0, sizeof hist);
      double sc = (1024 - 1e-3) / (mx - floor_);
      for (int j = 0; j < na; j++) hist[(int)((drive[above[j]] - floor_) * sc)]++;
      int cut = 1023; uint32_t from = 0;
      for (; cut > 0; cut--) { from += hist[cut]; if (from >= (uint32_t)target) break; }
      if (cut == 0) from += hist[0];
      int room = target - (int)(from - hist[cut]);
      count = 0;
      for (int j = 0; j < na; j++) {
        int b = (int)((drive[above[j]] - floor_) * sc);
        if (b > cut || (b == cut && room-- > 0)) active[count++] = above[j];
      }
    }
    ac[head] = count;
    /* 4. Purkinje sums over the active rows: rows split between threads, partial sums added */
#pragma omp parallel num_threads(nthreads)
    {
      int th = 0, nt = 1;
#ifdef _OPENMP
      th = omp_get_thread_num(); nt = omp_get_num_threads();
#endif
      double *ps = part + (size_t)th * P;
      for (int q = 0; q < P; q++) ps[q] = 0;
      int a = (int)((long)count * th / nt), b = (int)((long)count * (th + 1) / nt);
      for (int j = a; j < b; j++) {
        if (j + PF < b) { const char *r = (const char *)(w + (size_t)active[j + PF] * P); for (int o = 0; o < 4 * P; o += 64) __builtin_prefetch(r + o); }
        const float *r = w + (size_t)active[j] * P;
        for (int q = 0; q < P; q++) ps[q] += r[q];
      }
    }
    for (int q = 0; q < P; q++) { double x = 0; for (int th = 0; th < nthreads; th++) x += part[(size_t)th * P + q]; sum[q] = x - count * w0; }
    int npos = 0;
    for (int q = 0; q < P; q++) { pause[q] = -sum[q] / norm; z[q] = cortex * pause[q]; }
    if (mfOn) for (int m = 0; m < M; m++) { double xh = rate[m] - bg; if (xh > 0) { npos++; for (int q = 0; q < P; q++) z[q] += xh * v[m * P + q] / fpc; } }
    /* 5. olive */
    zhead = (zhead + 1) % (delay + 1);
    memcpy(zh + (size_t)zhead * P, z, 8 * P);
    const double *pz = zh + (size_t)((zhead - delay + (delay + 1)) % (delay + 1)) * P;
    for (int q = 0; q < P; q++) err[q] = errGain * (s[q] - pz[q]);
    /* 6. plasticity */
    if (pfOn) {
      memcpy(eh + (size_t)head * P, err, 8 * P);
      int any = 0;
      /* E_q = sum_tau kappa(tau) e_q(t - L + tau): tau walks the ring from the oldest row */
      for (int q = 0; q < P; q++) dw[q] = 0;
      for (int tau = 0, row = (head + 1) % L1; tau < L1; tau++, row = row + 1 == L1 ? 0 : row + 1) {
        const double k = kappa[tau], *e = eh + (size_t)row * P;
        if (k != 0) for (int q = 0; q < P; q++) dw[q] += k * e[q];
      }
      for (int q = 0; q < P; q++) {
        double e = dw[q];
        dw[q] = (e > 0 ? -ltd * e : -ltp * e) * dt; dwf[q] = dw[q]; if (dwf[q] != 0) any = 1;
      }
      int old = (head + 1) % L1; const int32_t *past = ah + (size_t)old * target; int pc = ac[old];
      if (any && pc > 0) {
#pragma omp parallel for schedule(static)
        for (int j = 0; j < pc; j++) {
          if (j + PF < pc) { char *r = (char *)(w + (size_t)past[j + PF] * P); for (int o = 0; o < 4 * P; o += 64) __builtin_prefetch(r + o, 1); }
          float *r = w + (size_t)past[j] * P;
          for (int q = 0; q < P; q++) { float x = r[q] + dwf[q]; r[q] = x < lo ? lo : x > hi ? hi : x; }
        }
      }
      if (nonAssoc > 0) for (int j = 0; j < count; j++) { float *r = w + (size_t)active[j] * P; for (int q = 0; q < P; q++) { float x = r[q] + nonAssoc * dt; r[q] = x < lo ? lo : x > hi ? hi : x; } }
    }
    if (mfOn) for (int m = 0; m < M; m++) { double xh = rate[m] - bg; if (xh > 0) for (int q = 0; q < P; q++) { double x = v[m * P + q] + mfRate * dt * xh * pause[q]; v[m * P + q] = x < 0 ? 0 : x > mfMax ? mfMax : x; } }
    (void)npos;
    if (timed) { elapsed += now() - t0; activeSum += count; done++; }
  }
  struct rusage ru; getrusage(RUSAGE_SELF, &ru);
  double sps = done / elapsed;
  printf("{\"granuleCells\":%d,\"steps\":%ld,\"seconds\":%.6f,\"stepsPerSecond\":%.3f,\"realTimeFactor\":%.5f,"
         "\"msPerStep\":%.5f,\"peakRssMB\":%.1f,\"meanActive\":%.2f,\"setupSeconds\":%.3f,\"threads\":%d}\n",
         N, done, elapsed, sps, sps * dt / 1000, 1000 * elapsed / done, ru.ru_maxrss / 1024.0, activeSum / done, setupSeconds, nthreads);
  return 0;
}
