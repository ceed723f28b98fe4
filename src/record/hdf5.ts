/**
 * Appends rows to the datasets of an HDF5 file (h5wasm: HDF5 compiled to WebAssembly, writing
 * the real file through Node's filesystem). Every dataset is chunked and resizable along its
 * first axis, so rows go to disk as they come and the file never has to be held in memory.
 */
import type { Dataset, Group, File as H5File } from "h5wasm";

type Rows = Float32Array | Float64Array | Int32Array | Uint8Array;

const DTYPES: [new (n: number) => Rows, string][] = [
  [Float32Array, "<f"],
  [Float64Array, "<d"],
  [Int32Array, "<i"],
  [Uint8Array, "<B"],
];

function dtypeOf(rows: Rows): string {
  for (const [ctor, dtype] of DTYPES) if (rows instanceof ctor) return dtype;
  throw new Error("hdf5: unsupported array type");
}

export class H5Appender {
  private readonly datasets = new Map<string, Dataset>();

  constructor(readonly file: H5File) {}

  /** The group at `path` ("a/b/c"), created with its parents when missing. */
  group(path: string): Group {
    let group: Group = this.file;
    for (const name of path.split("/")) {
      const existing = group.get(name);
      group = (existing as Group | null) ?? group.create_group(name);
    }
    return group;
  }

  /**
   * Appends `rows` (row-major, `width` values a row) to the dataset `path`; `width` fixes the
   * shape on first use ([rows] for width 1, else [rows, …rowShape]).
   */
  append(path: string, rows: Rows, rowShape: number[] = []): void {
    const width = rowShape.reduce((a, b) => a * b, 1);
    const n = rows.length / width;
    let ds = this.datasets.get(path);
    if (!ds) {
      const slash = path.lastIndexOf("/");
      const parent = slash < 0 ? this.file : this.group(path.slice(0, slash));
      // ~16k values a chunk: small files for short runs, few chunks for long ones.
      const rowsPerChunk = Math.max(1, Math.min(1024, Math.floor(16384 / width)));
      ds = parent.create_dataset({
        name: path.slice(slash + 1),
        data: new (rows.constructor as new (n: number) => Rows)(0),
        shape: [0, ...rowShape],
        maxshape: [null, ...rowShape],
        chunks: [rowsPerChunk, ...rowShape],
        dtype: dtypeOf(rows),
        // deflate (built into HDF5): regular timestamps and untouched weights shrink a lot.
        compression: "gzip",
        compression_opts: 4,
      });
      this.datasets.set(path, ds);
    }
    if (n === 0) return;
    const start = (ds.shape as number[])[0];
    ds.resize([start + n, ...rowShape]);
    ds.write_slice([[start, start + n], ...rowShape.map((d): [number, number] => [0, d])], rows);
  }

  /** A whole dataset written at once (small tables: PSTHs). */
  put(path: string, data: Rows, shape: number[]): Dataset {
    const slash = path.lastIndexOf("/");
    const parent = slash < 0 ? this.file : this.group(path.slice(0, slash));
    return parent.create_dataset({
      name: path.slice(slash + 1),
      data,
      shape,
      dtype: dtypeOf(data),
    });
  }

  /** String attributes on the object at `path` ("" = the root). */
  attrs(path: string, values: Record<string, string | number>): void {
    const target =
      path === ""
        ? this.file
        : ((this.file.get(path) as Group | Dataset | null) ?? this.group(path));
    for (const [k, v] of Object.entries(values)) target.create_attribute(k, v);
  }
}
