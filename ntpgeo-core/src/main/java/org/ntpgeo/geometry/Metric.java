package org.ntpgeo.geometry;

/**
 * The per-checkpoint metrics: column names of series.csv and keys of metrics.json, with a readable label.
 * "Centred" means (I - 11^T/V) applied on the vocabulary side (softmax ignores a constant added to a column of
 * L, and L_mm, S~ and L_in have zero column sums): Lc = (I - 11^T/V) L, Wc = (I - 11^T/V) W (docs/REPORTS.md).
 */
public enum Metric {
    CE("ce", "CE(L) (nats)"),
    CE_MINUS_H("ce_minus_h", "CE - H (nats)"),
    NORM_W("norm_w", "||W||_F (uncentred)"),
    NORM_H("norm_h", "||H||_F"),
    NORM_L("norm_l", "||L||_F (uncentred)"),
    NORM_L_CENTRED("norm_lc", "||Lc||_F (centred logits)"),
    CENTRING_SHARE("centring_share", "||L - Lc||_F / ||L||_F (part of L softmax ignores)"),
    FACTOR_RESIDUAL("factor_residual", "||L - W H||_F / ||L||_F"),
    IMBALANCE("imbalance", "||Wc^T Wc - H H^T||_F / ||Wc^T Wc||_F"),
    GAP_L_LMM("gap_l_lmm", "dir. gap Lc vs L_mm"),
    GAP_L_STILDE("gap_l_stilde", "dir. gap Lc vs S~"),
    GAP_LRES_LMM("gap_l_minus_lin_lmm", "dir. gap (Lc - L_in) vs L_mm"),
    GAP_LRES_STILDE("gap_l_minus_lin_stilde", "dir. gap (Lc - L_in) vs S~"),
    F_RECOVERY("pf_gap", "||P_F(L) - L_in||_F"),
    F_RECOVERY_REL("pf_gap_rel", "||P_F(L) - L_in||_F / ||L_in||_F"),
    GRAM_W_GAP("gram_w_gap", "Gram gap Wc Wc^T vs U Sigma U^T"),
    GRAM_H_GAP("gram_h_gap", "Gram gap H^T H vs V Sigma V^T"),
    SSIM_WORDS("ssim_words_lmm", "SSIM word cosines (Wc) vs L_mm"),
    SSIM_CONTEXTS("ssim_contexts_lmm", "SSIM context cosines vs L_mm"),
    SSIM_WORDS_STILDE("ssim_words_stilde", "SSIM word cosines (Wc) vs S~"),
    SSIM_CONTEXTS_STILDE("ssim_contexts_stilde", "SSIM context cosines vs S~"),
    RANK_L("rank_l", "rank of Lc (s_i > 1e-3 s_1)"),
    PATH_LAMBDA("path_lambda", "path position: lambda of the L_lambda closest in direction"),
    PATH_GAP("path_gap", "dir. gap Lc vs that L_lambda"),
    TARGET_DIST("target_dist", "||Lc - L_lambda||_F / ||L_lambda||_F at the run's lambda"),
    TARGET_GRAM_W("target_gram_w", "Gram gap Wc Wc^T vs factors of L_lambda"),
    TARGET_GRAM_H("target_gram_h", "Gram gap H^T H vs factors of L_lambda"),
    COLLAPSE_COS("collapse_cos", "C4: within-class cos of h projected off T_S"),
    COLLAPSE_COS_NONMEMBER("collapse_cos_nonmember", "C4 baseline: member-to-non-member cos, same projections"),
    COLLAPSE_NULL_MEAN("collapse_null_mean", "C4 null: mean over shuffled class labels"),
    COLLAPSE_NULL_SD("collapse_null_sd", "C4 null: standard deviation over shuffles"),
    COLLAPSE_COS_RAW("collapse_cos_raw", "within-class cos of raw h"),
    COLLAPSE_COS_TS("collapse_cos_ts", "within-class cos of the T_S components of h"),
    COLLAPSE_CLASSES("collapse_classes", "C4: support classes used"),
    COLLAPSE_NC1_RAW("collapse_nc1_raw", "within/between variability of raw h");

    public final String key;
    public final String label;

    Metric(String key, String label) {
        this.key = key;
        this.label = label;
    }
}
