package org.ntpgeo.linalg;

/** The sizes of C = op(A) op(B): C is m x n, the inner dimension k; checked once for every gemm in this package. */
record GemmShape(int m, int n, int k) {
    /** The shape of op(A) op(B) into C, or IllegalArgumentException when the operands do not fit. */
    static GemmShape of(boolean transA, boolean transB, int aRows, int aCols, int bRows, int bCols, int cRows, int cCols) {
        int m = transA ? aCols : aRows;
        int k = transA ? aRows : aCols;
        int kb = transB ? bCols : bRows;
        int n = transB ? bRows : bCols;
        if (k != kb || cRows != m || cCols != n) {
            throw new IllegalArgumentException("gemm shapes: op(A) " + m + "x" + k + ", op(B) " + kb + "x" + n + ", C "
                    + cRows + "x" + cCols);
        }
        return new GemmShape(m, n, k);
    }

    /** Nothing to multiply: C is empty, or k = 0 (then C = beta C). */
    boolean degenerate() {
        return m == 0 || n == 0 || k == 0;
    }
}
