package dev.manabi.scorm.pkg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds zips in memory for tests, including hostile ones that ZipOutputStream alone would not write. */
final class TestZips {

    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    static TestZips zip() {
        return new TestZips();
    }

    TestZips add(String name, String content) {
        return add(name, content.getBytes(StandardCharsets.UTF_8));
    }

    TestZips add(String name, byte[] content) {
        entries.put(name, content);
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Marks the central directory entry {@code name} as a Unix symbolic link (APPNOTE 4.4.2, 4.4.15). */
    static byte[] asSymlink(byte[] zip, String name) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int at = centralHeader(zip, name);
        b.put(at + 5, (byte) 3); // version made by: host system Unix
        b.putInt(at + 38, 0120777 << 16);
        return zip;
    }

    /** Overwrites the uncompressed size the central directory declares for {@code name}. */
    static byte[] withDeclaredSize(byte[] zip, String name, int size) {
        ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putInt(centralHeader(zip, name) + 24, size);
        return zip;
    }

    /** Replaces every occurrence of one entry name by another of the same length (local and central headers). */
    static byte[] renamed(byte[] zip, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.UTF_8);
        byte[] t = to.getBytes(StandardCharsets.UTF_8);
        if (f.length != t.length) {
            throw new IllegalArgumentException("same length only");
        }
        for (int i = 0; i + f.length <= zip.length; i++) {
            boolean match = true;
            for (int j = 0; j < f.length && match; j++) {
                match = zip[i + j] == f[j];
            }
            if (match) {
                System.arraycopy(t, 0, zip, i, t.length);
            }
        }
        return zip;
    }

    private static int centralHeader(byte[] zip, String name) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (b.getInt(i) == 0x02014b50) {
                int nameLength = Short.toUnsignedInt(b.getShort(i + 28));
                if (nameLength == wanted.length && new String(zip, i + 46, nameLength, StandardCharsets.UTF_8)
                        .equals(name)) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("no central header for " + name);
    }

    /** A minimal valid SCORM 1.2 manifest with one SCO at {@code index.html}. */
    static String scorm12Manifest(String identifier, String title) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest identifier="%s" version="1"
                    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
                    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
                  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
                  <organizations default="org">
                    <organization identifier="org">
                      <title>%s</title>
                      <item identifier="i1" identifierref="r1">
                        <title>Lesson 1</title>
                        <adlcp:masteryscore>80</adlcp:masteryscore>
                      </item>
                    </organization>
                  </organizations>
                  <resources>
                    <resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="index.html">
                      <file href="index.html"/>
                    </resource>
                  </resources>
                </manifest>
                """.formatted(identifier, title);
    }

    static byte[] scorm12(String identifier, String title) {
        return zip().add("imsmanifest.xml", scorm12Manifest(identifier, title)).add("index.html", "<html>hi</html>")
                .bytes();
    }
}
