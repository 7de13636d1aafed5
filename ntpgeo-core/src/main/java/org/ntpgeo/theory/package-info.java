/**
 * The theory engine (docs/THEORY-ENGINE.md, ../shared/docs/theory.md): closed forms (L_in, P_F, centred support
 * matrix S~, the Prop. 3 certificate, balanced factors, the Prop. 5 symmetric-case geometry), the exact NTP-SVM*
 * solver with a dual certificate ({@link org.ntpgeo.theory.NtpSvmSolver}) and the nuclear-norm regularisation
 * path ({@link org.ntpgeo.theory.RegularizationPath}). Orientation: logits are V x m (rows = tokens, columns =
 * contexts).
 */
package org.ntpgeo.theory;
