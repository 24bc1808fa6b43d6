package dev.manabi.dropin;

import dev.manabi.core.TestZips;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the drop-in journey uploads: a one-SCO SCORM 1.2 package, a quiz and the sample host's demo video book; a bare
 * cmi5.xml, and a quiz whose course's completion rules declare a badge.
 */
final class Journey {

    static final String ITEM = "item-1";
    static final String QUIZ = "dropin-quiz";
    static final String TOPIC = "passwords";
    static final String BADGE_QUIZ = "dropin-badge-quiz";
    /** The one AU of {@link #cmi5Xml()}, hosted elsewhere (cmi5 section 14.2: a course structure without a zip). */
    static final String CMI5_AU_URL = "https://au.example.com/dropin/start.html";

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

    /** A bare cmi5.xml (cmi5 section 13): one course, one AU at an absolute URL, titles in two languages. */
    static byte[] cmi5Xml() {
        String texts = "<title><langstring lang=\"en\">Drop-in cmi5</langstring><langstring lang=\"ja\">"
                + "ドロップイン cmi5</langstring></title><description><langstring lang=\"en\">One AU hosted"
                + " elsewhere</langstring></description>";
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<courseStructure"
                + " xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\">"
                + "<course id=\"https://example.com/dropin/cmi5\">" + texts + "</course>"
                + "<au id=\"https://example.com/dropin/cmi5/au\" moveOn=\"Completed\">" + texts
                + "<url>" + CMI5_AU_URL + "</url></au></courseStructure>").getBytes(StandardCharsets.UTF_8);
    }

    /** One true-false question, passed at 80 %. */
    static String badgeQuiz() {
        return "{\"id\": \"" + BADGE_QUIZ + "\", \"title\": {\"en\": \"Badge quiz\"}, \"settings\":"
                + " {\"passThreshold\": {\"percent\": 80}}, \"questions\": [{\"id\": \"mfa\", \"type\": \"true-false\","
                + " \"prompt\": {\"en\": \"A second factor protects a leaked password.\"}, \"correct\": true}]}";
    }

    /** The badge quiz's course: one unit done by 80 % in the quiz, and a badge for that unit. */
    static String badgeRules() {
        return "{\"units\": [{\"id\": \"u1\", \"when\": [{\"type\": \"quiz\", \"quiz\": \"" + BADGE_QUIZ
                + "\", \"minPercent\": 80}]}], \"badges\": [{\"id\": \"second-factor\", \"name\": {\"en\":"
                + " \"Second factor\", \"ja\": \"二要素認証\"}, \"description\": \"Knows what a second factor is"
                + " for\", \"criteria\": \"unit:u1\"}]}";
    }
}
