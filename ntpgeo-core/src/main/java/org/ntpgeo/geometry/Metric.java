package org.ntpgeo.geometry;

/** The per-checkpoint metrics: column names of series.csv and keys of metrics.json, with a readable label. */
public enum Metric {
    CE("ce", "CE(L) (nats)"),
    CE_MINUS_H("ce_minus_h", "CE - H (nats)"),
    NORM_W("norm_w", "||W||_F"),
    NORM_H("norm_h", "||H||_F"),
    NORM_L("norm_l", "||L||_F"),
    FACTOR_RESIDUAL("factor_residual", "||L - W H||_F / ||L||_F"),
    IMBALANCE("imbalance", "||W^T W - H H^T||_F / ||W^T W||_F"),
    GAP_L_LMM("gap_l_lmm", "dir. gap L vs L_mm"),
    GAP_L_STILDE("gap_l_stilde", "dir. gap L vs S~"),
    GAP_LRES_LMM("gap_l_minus_lin_lmm", "dir. gap (L - L_in) vs L_mm"),
    GAP_LRES_STILDE("gap_l_minus_lin_stilde", "dir. gap (L - L_in) vs S~"),
    F_RECOVERY("pf_gap", "||P_F(L) - L_in||_F"),
    F_RECOVERY_REL("pf_gap_rel", "||P_F(L) - L_in||_F / ||L_in||_F"),
    GRAM_W_GAP("gram_w_gap", "Gram gap W W^T vs U Sigma U^T"),
    GRAM_H_GAP("gram_h_gap", "Gram gap H^T H vs V Sigma V^T"),
    SSIM_WORDS("ssim_words_lmm", "SSIM word cosines vs L_mm"),
    SSIM_CONTEXTS("ssim_contexts_lmm", "SSIM context cosines vs L_mm"),
    SSIM_WORDS_STILDE("ssim_words_stilde", "SSIM word cosines vs S~"),
    SSIM_CONTEXTS_STILDE("ssim_contexts_stilde", "SSIM context cosines vs S~"),
    RANK_L("rank_l", "rank of L (s_i > 1e-3 s_1)"),
    COLLAPSE_COS_MM("collapse_cos_mm", "within-class cos, L_mm component of h"),
    COLLAPSE_COS_RAW("collapse_cos_raw", "within-class cos, raw h"),
    COLLAPSE_COS_REST("collapse_cos_rest", "within-class cos, remainder h - h^mm"),
    COLLAPSE_NC1_MM("collapse_nc1_mm", "within/between variability, L_mm component"),
    COLLAPSE_NC1_RAW("collapse_nc1_raw", "within/between variability, raw h"),
    COLLAPSE_NC1_REST("collapse_nc1_rest", "within/between variability, remainder"),
    COMPONENT_DIM("component_dim", "dim span(W^T U)");

    public final String key;
    public final String label;

    Metric(String key, String label) {
        this.key = key;
        this.label = label;
    }
}
