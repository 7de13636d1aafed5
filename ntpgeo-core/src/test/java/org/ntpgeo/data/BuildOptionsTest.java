package org.ntpgeo.data;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.ntpgeo.common.UserError;

class BuildOptionsTest {
    @Test
    void bpeVocabularyWithAnotherTokenizerIsAnError() {
        UserError e = assertThrows(UserError.class, () -> BuildOptions.defaults(3).withBpeVocab(128).validate());
        assertTrue(e.getMessage().contains("applies only to the bpe tokenizer, not to word"), e.getMessage());
        assertThrows(UserError.class, () -> BuildOptions.defaults(3).withTokenizer("char").withBpeVocab(10).validate());
        BuildOptions.defaults(3).withTokenizer("bpe").withBpeVocab(10).validate();
    }

    @Test
    void withoutTheBpeModuleBpeIsNotAvailable() {
        // ntpgeo-core's own class path has no encoder service (ntpgeo-bpe provides it)
        UserError e = assertThrows(UserError.class, Bpe::provider);
        assertTrue(e.getMessage().contains("not available"), e.getMessage());
    }

    @Test
    void unkModes() {
        assertEquals(BuildOptions.Unk.MERGE, BuildOptions.defaults(3).unk());
        assertEquals(BuildOptions.Unk.DROP, BuildOptions.Unk.byName("drop"));
        assertNull(BuildOptions.Unk.byName("keep"));
        // drop needs no slot for <unk>: K = 1 is a valid vocabulary
        BuildOptions.defaults(3).withFilters(1, 1, null, 1, BuildOptions.NextTokenVocab.FULL).withUnk(BuildOptions.Unk.DROP).validate();
        assertThrows(UserError.class, () -> BuildOptions.defaults(3).withFilters(1, 1, null, 1, BuildOptions.NextTokenVocab.FULL).validate());
        assertFalse(BuildOptions.defaults(3).toJson().has("unk"), "no cap, no unk key (older dataset.json files stay the same)");
        assertEquals("drop", BuildOptions.defaults(3).withFilters(1, 1, null, 5, BuildOptions.NextTokenVocab.FULL)
                .withUnk(BuildOptions.Unk.DROP).toJson().get("unk").asText());
    }
}
