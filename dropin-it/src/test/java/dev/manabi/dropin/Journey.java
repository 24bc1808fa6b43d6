package dev.manabi.dropin;

import dev.manabi.core.TestZips;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What the drop-in journey uploads: a one-SCO SCORM 1.2 package, a quiz and the sample host's demo video book. */
final class Journey {

    static final String ITEM = "item-1";
    static final String QUIZ = "dropin-quiz";
    static final String TOPIC = "passwords";

    private Journey() {
    }

    static byte[] scormPackage() {
        String manifest = """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest identifier="dropin-package" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
                          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
                  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
                  <organizations default="org">
                    <organization identifier="org"><title>Drop-in course</title>
                      <item identifier="%s" identifierref="sco"><title>The one SCO</title></item>
                    </organization>
                  </organizations>
                  <resources>
                    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="index.html">
                      <file href="index.html"/>
                      <file href="style.css"/>
                    </resource>
                  </resources>
                </manifest>
                """.formatted(ITEM);
        return TestZips.zip().add("imsmanifest.xml", manifest)
                .add("index.html", "<!DOCTYPE html><title>SCO</title><link rel=stylesheet href=style.css><p>The SCO</p>")
                .add("style.css", "p { color: #123456; }\n").bytes();
    }

    /** Two true/false questions; passed at 50 %. */
    static String quiz() {
        return "{\"id\": \"" + QUIZ + "\", \"title\": {\"en\": \"Drop-in quiz\"}, \"settings\": {\"passThreshold\":"
                + " {\"percent\": 50}}, \"questions\": ["
                + "{\"id\": \"yes\", \"type\": \"true-false\", \"prompt\": {\"en\": \"Yes?\"}, \"correct\": true},"
                + "{\"id\": \"no\", \"type\": \"true-false\", \"prompt\": {\"en\": \"No?\"}, \"correct\": false}]}";
    }

    /** The sample host's demo book ({@code sample-host/src/main/demo/book}): three short videos with subtitles. */
    static byte[] book() {
        Path root = Path.of(System.getProperty("dropin.demo.book", "../sample-host/src/main/demo/book"));
        TestZips zip = TestZips.zip();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.add(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zip.bytes();
    }
}
