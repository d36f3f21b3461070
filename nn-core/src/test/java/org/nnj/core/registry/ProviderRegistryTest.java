package org.nnj.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnj.api.ProviderException;
import org.nnj.api.spi.LayerProvider;

class ProviderRegistryTest {

    private static ProviderRegistry<LayerProvider> registry(LayerProvider... providers) {
        return ProviderRegistry.of("layer", LayerProvider.class, List.of(providers));
    }

    @Test
    void findsProvidersByNameAndListsNamesSorted() {
        LayerProvider dense = new NamedLayerProvider("dense");
        LayerProvider conv = new NamedLayerProvider("conv2d");
        ProviderRegistry<LayerProvider> r = registry(dense, conv);

        assertSame(dense, r.get("dense"));
        assertSame(conv, r.find("conv2d").orElseThrow());
        assertTrue(r.find("pool").isEmpty());
        assertTrue(r.find(null).isEmpty());
        assertEquals(List.of("conv2d", "dense"), List.copyOf(r.names()));
        assertEquals(List.of(conv, dense), List.copyOf(r.all()));
        assertEquals("layer", r.kind());
        assertSame(LayerProvider.class, r.spi());
        assertEquals(2, r.size());
    }

    @Test
    void isImmutable() {
        ProviderRegistry<LayerProvider> r = registry(new NamedLayerProvider("dense"));
        assertThrows(UnsupportedOperationException.class, () -> r.names().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> r.all().clear());
    }

    @Test
    void unknownNameListsTheKnownOnesSortedWithAHint() {
        ProviderRegistry<LayerProvider> r = registry(new NamedLayerProvider("relu"),
                new NamedLayerProvider("dense"), new NamedLayerProvider("conv2d"));

        ProviderException e = assertThrows(ProviderException.class, () -> r.get("lstm"));

        assertTrue(e.getMessage().contains("unknown layer 'lstm'"), e.getMessage());
        assertTrue(e.getMessage().contains("[conv2d, dense, relu]"), e.getMessage());
        assertTrue(e.getMessage().contains("Is the jar that provides it on the class path?"), e.getMessage());
    }

    @Test
    void unknownNameSuggestsTheSpellingThatIsKnown() {
        ProviderRegistry<LayerProvider> r = registry(new NamedLayerProvider("leaky_relu"));

        ProviderException e = assertThrows(ProviderException.class, () -> r.get("LeakyReLU"));

        assertTrue(e.getMessage().contains("did you mean leaky_relu?"), e.getMessage());
    }

    @Test
    void unknownNameInAnEmptyRegistrySaysNothingIsRegistered() {
        ProviderException e = assertThrows(ProviderException.class, () -> registry().get("dense"));

        assertTrue(e.getMessage().contains("no layer providers are registered"), e.getMessage());
        assertTrue(e.getMessage().contains(LayerProvider.class.getName()), e.getMessage());
    }

    @Test
    void duplicateNameNamesBothClassesAndWhereTheyCameFrom() {
        LayerProvider first = new NamedLayerProvider("dense");
        LayerProvider second = new NamedLayerProvider.Other("dense");

        ProviderException e = assertThrows(ProviderException.class, () -> registry(first, second));

        String msg = e.getMessage();
        assertTrue(msg.contains("'dense'"), msg);
        assertTrue(msg.contains(NamedLayerProvider.class.getName() + " (from "), msg);
        assertTrue(msg.contains(NamedLayerProvider.Other.class.getName() + " (from "), msg);
        // Test classes come from a directory, which the code source names.
        assertTrue(msg.contains("test-classes"), msg);
    }

    @Test
    void classWithoutCodeSourceIsReportedAsUnknownLocation() {
        // A JDK class has no code source: the message must still be built.
        assertEquals("java.lang.String (from unknown location)", ProviderLocation.describe(String.class));
    }

    @Test
    void badNamesAreRejectedNamingTheClass() {
        for (String bad : new String[] {"Dense", "my layer", "", "dense.v2", "dénse"}) {
            ProviderException e = assertThrows(ProviderException.class,
                    () -> registry(new NamedLayerProvider(bad)), bad);
            assertTrue(e.getMessage().contains(NamedLayerProvider.class.getName()), e.getMessage());
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        ProviderException e = assertThrows(ProviderException.class, () -> registry(new NamedLayerProvider(null)));
        assertTrue(e.getMessage().contains("has the name null"), e.getMessage());
    }

    @Test
    void goodNamesUseLettersDigitsUnderscoreAndHyphen() {
        ProviderRegistry<LayerProvider> r = registry(new NamedLayerProvider("conv2d"),
                new NamedLayerProvider("leaky_relu"), new NamedLayerProvider("my-plugin"), new NamedLayerProvider("3d"));
        assertEquals(4, r.size());
    }

    @Test
    void providerWhoseNameThrowsIsReportedByClass() {
        LayerProvider broken = new NamedLayerProvider("x") {
            @Override
            public String name() {
                throw new IllegalStateException("no name today");
            }
        };

        ProviderException e = assertThrows(ProviderException.class, () -> registry(broken));

        assertTrue(e.getMessage().contains(broken.getClass().getName()), e.getMessage());
        assertTrue(e.getMessage().contains("no name today"), e.getMessage());
    }
}
