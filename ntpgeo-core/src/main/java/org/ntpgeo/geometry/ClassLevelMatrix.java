package org.ntpgeo.geometry;

import java.util.Arrays;
import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;

/**
 * A V x m matrix whose columns are constant within support classes, stored as its V x C class columns
 * (theory.md "Support classes"): column j of the matrix is column c(j) of {@link #perClass()}. L_mm and S~ have this
 * form; the analysis computes their norms, inner products with checkpoint logits and their SVD at class level, so
 * no V x m copy is formed ({@link #expand()} exists for the regularisation path, which needs one).
 *
 * <p>With D the m x C class indicator and N = D^T D = diag(n_c): X = M D^T, ||X||_F^2 = sum_c n_c ||m_c||^2,
 * <A, X> = <A D, M>, and X = (M N^(1/2)) (D N^(-1/2))^T with orthonormal columns D N^(-1/2), so X has the
 * singular values and left vectors of M N^(1/2) (V x C) and right vectors D N^(-1/2) Q (constant within a class).
 */
public final class ClassLevelMatrix {
    private final Matrix perClass;
    private final int[] contextClass;
    private final long[] classSize;

    private ClassLevelMatrix(Matrix perClass, int[] contextClass, long[] classSize) {
        this.perClass = perClass;
        this.contextClass = contextClass;
        this.classSize = classSize;
    }

    /**
     * Class columns {@code perClass} (V x C, kept, not copied) and the class of every context (values in 0..C-1;
     * every class must occur).
     */
    public static ClassLevelMatrix of(Matrix perClass, int[] contextClass) {
        long[] size = new long[perClass.cols];
        for (int c : contextClass) {
            if (c < 0 || c >= perClass.cols) throw new IllegalArgumentException("context class " + c + " outside 0.." + (perClass.cols - 1));
            size[c]++;
        }
        for (int c = 0; c < size.length; c++) if (size[c] == 0) throw new IllegalArgumentException("class " + c + " has no context");
        return new ClassLevelMatrix(perClass, contextClass.clone(), size);
    }

    /** A full V x m matrix as its own class columns (every context its own class; kept, not copied). */
    public static ClassLevelMatrix perContext(Matrix full) {
        int[] cls = new int[full.cols];
        for (int j = 0; j < cls.length; j++) cls[j] = j;
        long[] size = new long[full.cols];
        Arrays.fill(size, 1);
        return new ClassLevelMatrix(full, cls, size);
    }

    /** S~ = (I - 11^T/V) S by support class: 1 - k_c/V on S_c, -k_c/V elsewhere (theory.md). */
    public static ClassLevelMatrix centeredSupport(NtpDataset ds) {
        int[] cls = ds.supportClasses();
        int v = ds.vocabSize(), classes = ds.supportClassCount();
        Matrix m = new Matrix(v, classes);
        boolean[] done = new boolean[classes];
        for (int j = 0; j < cls.length; j++) {
            int c = cls[j];
            if (done[c]) continue;
            done[c] = true;
            int k = ds.supportSize(j);
            Arrays.fill(m.data, c * v, (c + 1) * v, -(double) k / v);
            for (int t = ds.start(j); t < ds.end(j); t++) m.data[c * v + ds.token(t)] += 1;
        }
        return of(m, cls);
    }

    /** V. */
    public int rows() {
        return perClass.rows;
    }

    /** m (contexts). */
    public int cols() {
        return contextClass.length;
    }

    public int classCount() {
        return perClass.cols;
    }

    /** The class columns, V x C (not a copy: do not modify). */
    public Matrix perClass() {
        return perClass;
    }

    public int classOf(int j) {
        return contextClass[j];
    }

    public long classSize(int c) {
        return classSize[c];
    }

    /** Entry (z, j) of the V x m matrix. */
    public double get(int z, int j) {
        return perClass.data[z + contextClass[j] * perClass.rows];
    }

    /** Offset of context j's column in {@code perClass().data}. */
    int columnOffset(int j) {
        return contextClass[j] * perClass.rows;
    }

    public boolean isFinite() {
        return perClass.isFinite();
    }

    /** ||X||_F = sqrt(sum_c n_c ||m_c||^2). */
    public double frobeniusNorm() {
        int v = perClass.rows;
        double s = 0;
        for (int c = 0; c < perClass.cols; c++) {
            double q = 0;
            for (int i = 0; i < v; i++) q += perClass.data[i + c * v] * perClass.data[i + c * v];
            s += classSize[c] * q;
        }
        return Math.sqrt(s);
    }

    /** X D: the class sums of the columns of {@code x} (k x m), k x C. */
    public Matrix classSums(Matrix x) {
        if (x.cols != contextClass.length) throw new IllegalArgumentException("class sums of a " + x.rows + "x" + x.cols + " matrix, m = " + contextClass.length);
        Matrix out = new Matrix(x.rows, perClass.cols);
        for (int j = 0; j < x.cols; j++) {
            int o = contextClass[j] * x.rows, src = j * x.rows;
            for (int i = 0; i < x.rows; i++) out.data[o + i] += x.data[src + i];
        }
        return out;
    }

    /** The V x m matrix (a new one; for the regularisation path solver, which works per context). */
    public Matrix expand() {
        int v = perClass.rows;
        Matrix out = new Matrix(v, contextClass.length);
        for (int j = 0; j < contextClass.length; j++) System.arraycopy(perClass.data, contextClass[j] * v, out.data, j * v, v);
        return out;
    }

    /**
     * The thin SVD truncated to {@code rank} ({@code < 0}: numerical rank) from the SVD M N^(1/2) = U Sigma Q^T
     * (V x C): U and Sigma as they are, the right vectors at class level (row c of N^(-1/2) Q is the row of every
     * context of class c; {@link TheoryReference.Spectral#byClass}).
     */
    public TheoryReference.Spectral svd(int rank) {
        int v = perClass.rows, classes = perClass.cols;
        Matrix weighted = new Matrix(v, classes);
        for (int c = 0; c < classes; c++) {
            double f = Math.sqrt(classSize[c]);
            for (int i = 0; i < v; i++) weighted.data[i + c * v] = f * perClass.data[i + c * v];
        }
        TheoryReference.Spectral sp = TheoryReference.Spectral.of(weighted, rank);
        if (classes == contextClass.length && isIdentity()) return sp;
        Matrix q = sp.v(); // C x r, orthonormal columns; the right vectors of X are D N^(-1/2) Q
        Matrix vClass = new Matrix(classes, q.cols);
        for (int t = 0; t < q.cols; t++) {
            for (int c = 0; c < classes; c++) vClass.data[c + t * classes] = q.data[c + t * classes] / Math.sqrt(classSize[c]);
        }
        return TheoryReference.Spectral.byClass(sp.u(), sp.s(), vClass, contextClass);
    }

    private boolean isIdentity() {
        for (int j = 0; j < contextClass.length; j++) if (contextClass[j] != j) return false;
        return true;
    }

    /** <A, X> for a full V x m matrix A. */
    public double dot(Matrix a) {
        checkShape(a);
        int v = perClass.rows;
        double s = 0;
        for (int j = 0; j < contextClass.length; j++) {
            int oa = j * v, ox = contextClass[j] * v;
            for (int i = 0; i < v; i++) s += a.data[oa + i] * perClass.data[ox + i];
        }
        return s;
    }

    void checkShape(Matrix a) {
        if (a.rows != perClass.rows || a.cols != contextClass.length) {
            throw new IllegalArgumentException("shape mismatch: " + a.rows + "x" + a.cols + " vs " + perClass.rows + "x" + contextClass.length);
        }
    }
}
