package dev.manabi.scorm.pkg;

import dev.manabi.core.TestZips;

/** SCORM packages for tests, built with the platform's {@link TestZips}. */
public final class ScormZips {

    private ScormZips() {
    }

    /** A minimal valid SCORM 1.2 manifest with one SCO at {@code index.html}. */
    public static String scorm12Manifest(String identifier, String title) {
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

    public static byte[] scorm12(String identifier, String title) {
        return TestZips.zip().add("imsmanifest.xml", scorm12Manifest(identifier, title)).add("index.html", "<html>hi</html>")
                .bytes();
    }

    /** A minimal valid SCORM 2004 4th Edition package with one SCO at {@code index.html}. */
    public static byte[] scorm2004(String identifier, String title) {
        String manifest = """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest identifier="%s" version="1"
                    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
                    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
                  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
                  <organizations default="org">
                    <organization identifier="org">
                      <title>%s</title>
                      <item identifier="i1" identifierref="r1"><title>Lesson 1</title></item>
                    </organization>
                  </organizations>
                  <resources>
                    <resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="index.html">
                      <file href="index.html"/>
                    </resource>
                  </resources>
                </manifest>
                """.formatted(identifier, title);
        return TestZips.zip().add("imsmanifest.xml", manifest).add("index.html", "<html>hi</html>").bytes();
    }
}
