package org.ntpgeo.geometry;

import org.ntpgeo.data.NtpDataset;
import org.ntpgeo.linalg.Matrix;

/** TEMPORARY until org.ntpgeo.theory.ClosedForms lands: L_in, P_F, S~. */
final class TheoryFallback {
    private TheoryFallback() {}

    static Matrix lin(NtpDataset ds) {
        int v = ds.vocabSize(), m = ds.contextCount();
        Matrix l = new Matrix(v, m);
        for (int j = 0; j < m; j++) {
            double mean = 0;
            for (int k = ds.start(j); k < ds.end(j); k++) mean += Math.log(ds.probability(j, k));
            mean /= ds.supportSize(j);
            for (int k = ds.start(j); k < ds.end(j); k++) l.set(ds.token(k), j, Math.log(ds.probability(j, k)) - mean);
        }
        return l;
    }

    static Matrix projectF(NtpDataset ds, Matrix l) {
        int v = ds.vocabSize(), m = ds.contextCount();
        Matrix out = new Matrix(v, m);
        for (int j = 0; j < m; j++) {
            double mean = 0;
            for (int k = ds.start(j); k < ds.end(j); k++) mean += l.get(ds.token(k), j);
            mean /= ds.supportSize(j);
            for (int k = ds.start(j); k < ds.end(j); k++) out.set(ds.token(k), j, l.get(ds.token(k), j) - mean);
        }
        return out;
    }

    static Matrix centeredSupport(NtpDataset ds) {
        int v = ds.vocabSize(), m = ds.contextCount();
        Matrix s = new Matrix(v, m);
        for (int j = 0; j < m; j++) {
            double shift = (double) ds.supportSize(j) / v;
            for (int i = 0; i < v; i++) s.set(i, j, -shift);
            for (int k = ds.start(j); k < ds.end(j); k++) s.set(ds.token(k), j, 1 - shift);
        }
        return s;
    }
}
