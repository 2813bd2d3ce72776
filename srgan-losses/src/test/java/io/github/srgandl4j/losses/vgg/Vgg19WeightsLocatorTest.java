package io.github.srgandl4j.losses.vgg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Vgg19WeightsLocatorTest {
    @TempDir
    Path tmp;
    private String savedProperty;
    private String savedHome;

    @BeforeEach
    void save() {
        assumeTrue(System.getenv(Vgg19WeightsLocator.ENV) == null, "the environment sets " + Vgg19WeightsLocator.ENV);
        savedProperty = System.getProperty(Vgg19WeightsLocator.PROPERTY);
        savedHome = System.getProperty("user.home");
    }

    @AfterEach
    void restore() {
        if (savedProperty == null) {
            System.clearProperty(Vgg19WeightsLocator.PROPERTY);
        } else {
            System.setProperty(Vgg19WeightsLocator.PROPERTY, savedProperty);
        }
        if (savedHome != null) {
            System.setProperty("user.home", savedHome);
        }
    }

    @Test
    void thePropertyWinsAndAMissingFileThereFailsInsteadOfFallingThrough() throws Exception {
        Path home = tmp.resolve("home");
        Path cached = home.resolve(".keras/models/" + Vgg19WeightsLocator.KERAS_NOTOP_FILE);
        Files.createDirectories(cached.getParent());
        Files.writeString(cached, "x");
        System.setProperty("user.home", home.toString());
        Path mine = Files.writeString(tmp.resolve("mine.h5"), "x");
        System.setProperty(Vgg19WeightsLocator.PROPERTY, mine.toString());
        assertEquals(mine, Vgg19WeightsLocator.locate());

        System.setProperty(Vgg19WeightsLocator.PROPERTY, tmp.resolve("typo.h5").toString());
        NoSuchFileException e = assertThrows(NoSuchFileException.class, Vgg19WeightsLocator::locate);
        assertTrue(e.getMessage().contains("typo.h5") && e.getMessage().contains(Vgg19WeightsLocator.PROPERTY),
                e.getMessage());
    }

    @Test
    void kerasCacheIsUsedWhenNothingIsSetAndItsAbsenceExplainsWhatToDo() throws Exception {
        System.clearProperty(Vgg19WeightsLocator.PROPERTY);
        Path home = tmp.resolve("home");
        System.setProperty("user.home", home.toString());
        NoSuchFileException e = assertThrows(NoSuchFileException.class, Vgg19WeightsLocator::locate);
        assertTrue(e.getMessage().contains(Vgg19WeightsLocator.KERAS_NOTOP_URL), e.getMessage());
        assertTrue(e.getMessage().contains("docs/losses.md"), e.getMessage());

        Path cached = home.resolve(".keras/models/" + Vgg19WeightsLocator.KERAS_NOTOP_FILE);
        Files.createDirectories(cached.getParent());
        Files.writeString(cached, "x");
        assertEquals(cached, Vgg19WeightsLocator.locate());
    }
}
