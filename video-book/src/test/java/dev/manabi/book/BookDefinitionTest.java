package dev.manabi.book;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.ValidationReport;
import dev.manabi.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BookDefinitionTest {

    @TempDir
    Path temp;

    private ValidationReport.Builder report;

    private Book read(Path dir) throws IOException {
        report = new ValidationReport.Builder();
        return BookDefinition.read(Files.readAllBytes(dir.resolve("book.json")), "b1", "t1", dir.toRealPath(),
                report);
    }

    /** The sample book with one change to its JSON. */
    private Book readChanged(Consumer<ObjectNode> change) throws IOException {
        Path dir = SampleBooks.write(temp.resolve("book"), null);
        ObjectNode root = (ObjectNode) Json.mapper().readTree(dir.resolve("book.json").toFile());
        change.accept(root);
        Files.writeString(dir.resolve("book.json"), Json.mapper().writeValueAsString(root));
        return read(dir);
    }

    private List<String> errors() {
        return report.build().errors().stream().map(p -> p.code() + "@" + p.location()).toList();
    }

    private static ObjectNode topic(ObjectNode root, int i) {
        return (ObjectNode) root.get("topics").get(i);
    }

    @Test
    void readsAValidBook() throws IOException {
        Book book = read(SampleBooks.write(temp.resolve("book"), "sample"));
        assertThat(errors()).isEmpty();
        assertThat(book.key()).isEqualTo("sample");
        assertThat(book.topics()).extracting(Topic::id).containsExactly("one", "two");
        assertThat(book.topic("one").orElseThrow().subtitles()).containsExactly(
                new Subtitle("ja", "subtitles/one.ja.vtt"), new Subtitle("ko", "subtitles/one.ko.vtt"));
        assertThat(book.files()).containsExactly("media/one.webm", "subtitles/one.ja.vtt", "subtitles/one.ko.vtt",
                "media/two.webm", "subtitles/two.ja.vtt");
        assertThat(book.completionShareOr(0.9)).isEqualTo(0.9);
    }

    @Test
    void theCommittedDemoBookIsValid() throws IOException {
        Path demo = Path.of("../sample-host/src/main/demo/book");
        Assumptions.assumeTrue(Files.isRegularFile(demo.resolve("book.json")), "demo content not present");
        Book book = read(demo);
        assertThat(errors()).isEmpty();
        assertThat(report.problems()).isEmpty();
        assertThat(book.topics()).hasSize(3);
        // The demo declares no durations: each is read from the video, the watched share is measured against it.
        assertThat(book.topics()).allSatisfy(t -> assertThat(t.video().duration()).isBetween(15.0, 25.0));
        assertThat(book.topics()).allSatisfy(t -> assertThat(t.subtitles()).extracting(Subtitle::language)
                .containsExactly("ja", "en", "zh-Hans", "zh-Hant", "ko"));
    }

    @Test
    void reportsJsonSyntaxWithLineAndColumn() throws IOException {
        Path dir = SampleBooks.write(temp.resolve("book"), null);
        Files.writeString(dir.resolve("book.json"), "{\n  \"format\": \"manabi-book/1\",\n  \"title\": }");
        assertThat(read(dir)).isNull();
        assertThat(errors()).singleElement().asString().startsWith("json-syntax@book.json:3:");
    }

    @Test
    void rejectsDuplicateKeys() throws IOException {
        Path dir = SampleBooks.write(temp.resolve("book"), null);
        Files.writeString(dir.resolve("book.json"), "{\"format\": \"manabi-book/1\", \"format\": \"x\"}");
        assertThat(read(dir)).isNull();
        assertThat(errors()).singleElement().asString().startsWith("json-syntax@");
    }

    @Test
    void pointsAtTheOffendingJsonPath() throws IOException {
        Book book = readChanged(root -> {
            root.put("format", "manabi-book/2");
            root.put("completionShare", 1.5);
            root.put("colour", "red");
            ObjectNode one = topic(root, 0);
            ((ObjectNode) one.get("video")).put("type", "video/ogg");
            ((ObjectNode) one.get("subtitles").get(1)).put("language", "ja");
            ((ObjectNode) one.get("links").get(0)).put("url", "javascript:alert(1)");
            ObjectNode two = topic(root, 1);
            two.put("id", "one");
            ((ObjectNode) two.get("title")).put("not a tag!", "x");
            ((ObjectNode) two.get("video")).put("duration", -3);
            ((ObjectNode) two.get("video")).put("file", "../../etc/passwd.webm");
        });
        assertThat(book).isNull();
        assertThat(errors()).containsExactlyInAnyOrder(
                "unknown-property@$.colour",
                "unsupported-format@$.format",
                "bad-completion-share@$.completionShare",
                "bad-video-type@$.topics[0].video.type",
                "duplicate-subtitle-language@$.topics[0].subtitles[1].language",
                "bad-url@$.topics[0].links[0].url",
                "duplicate-topic-id@$.topics[1].id",
                "bad-language@$.topics[1].title['not a tag!']",
                "bad-file-name@$.topics[1].video.file",
                "bad-duration@$.topics[1].video.duration");
    }

    @Test
    void checksTheFilesTheDefinitionNames() throws IOException {
        Path dir = SampleBooks.write(temp.resolve("book"), null);
        Files.delete(dir.resolve("media/two.webm"));
        Files.writeString(dir.resolve("media/one.webm"), "<html>not a video</html>");
        Files.writeString(dir.resolve("subtitles/one.ko.vtt"), "WEBVTT\n\n00:01.000 --> 00:00.500\n거꾸로\n");
        assertThat(read(dir)).isNull();
        assertThat(errors()).containsExactlyInAnyOrder(
                "bad-video-content@media/one.webm",
                "vtt-timing@subtitles/one.ko.vtt:3",
                "file-missing@$.topics[1].video.file");
    }

    @Test
    void detectsAContainerThatDoesNotMatchItsName() throws IOException {
        Book book = readChanged(root -> {
            ((ObjectNode) topic(root, 0).get("video")).put("file", "media/one.mp4");
            ((ObjectNode) topic(root, 0).get("video")).put("type", "video/mp4");
        });
        assertThat(book).isNull();
        assertThat(errors()).containsExactly("file-missing@$.topics[0].video.file");
    }

    @Test
    void warnsButAcceptsMissingTranslationsSubtitlesAndUnusedFiles() throws IOException {
        Path dir = SampleBooks.write(temp.resolve("book"), null);
        Files.writeString(dir.resolve("notes.txt"), "draft");
        ObjectNode root = (ObjectNode) Json.mapper().readTree(dir.resolve("book.json").toFile());
        root.set("title", Json.mapper().createObjectNode().put("en", "Only English"));
        topic(root, 1).remove("subtitles");
        Files.writeString(dir.resolve("book.json"), Json.mapper().writeValueAsString(root));
        Book book = read(dir);
        assertThat(book).isNotNull();
        assertThat(report.problems()).extracting(p -> p.code() + "@" + p.location()).containsExactlyInAnyOrder(
                "missing-translation@$.title", "missing-translation@$.topics[0].links[0].label",
                "no-subtitles@$.topics[1].subtitles",
                "unused-file@notes.txt", "unused-file@subtitles/two.ja.vtt");
    }

    @Test
    void aTopicLastsAsLongAsItsVideoSaysAndAWrongDeclarationIsRejected() throws IOException {
        Book book = readChanged(root -> {
            ((ObjectNode) topic(root, 0).get("video")).remove("duration");
            ((ObjectNode) topic(root, 1).get("video")).put("duration", 20.5);
        });
        assertThat(errors()).isEmpty();
        assertThat(book.topics()).extracting(t -> t.video().duration()).containsExactly(20.0, 20.0);

        assertThat(readChanged(root -> ((ObjectNode) topic(root, 1).get("video")).put("duration", 30))).isNull();
        assertThat(errors()).containsExactly("duration-mismatch@$.topics[1].video.duration");
        assertThat(report.build().errors().get(0).message()).contains("30.000", "20.000");
    }

    @Test
    void aVideoThatDoesNotStateItsLengthNeedsADeclaration() throws IOException {
        Path dir = SampleBooks.write(temp.resolve("book"), null);
        Files.write(dir.resolve("media/one.webm"), SampleBooks.webm(0, 1_000_000, false, 1000));
        Book declared = read(dir);
        assertThat(errors()).isEmpty();
        assertThat(report.problems()).extracting(p -> p.code() + "@" + p.location())
                .contains("unverified-duration@media/one.webm");
        assertThat(declared.topics().get(0).video().duration()).isEqualTo(20.0);

        ObjectNode root = (ObjectNode) Json.mapper().readTree(dir.resolve("book.json").toFile());
        ((ObjectNode) topic(root, 0).get("video")).remove("duration");
        Files.writeString(dir.resolve("book.json"), Json.mapper().writeValueAsString(root));
        assertThat(read(dir)).isNull();
        assertThat(errors()).containsExactly("unknown-duration@$.topics[0].video.duration");
    }

    @Test
    void theStoredDefinitionCarriesTheMeasuredLengths() throws IOException {
        Path dir = SampleBooks.write(temp.resolve("book"), null);
        Files.write(dir.resolve("media/two.webm"), SampleBooks.webm(19_750, 1_000_000, true, 1000));
        ObjectNode root = (ObjectNode) Json.mapper().readTree(dir.resolve("book.json").toFile());
        ((ObjectNode) topic(root, 0).get("video")).remove("duration");
        ((ObjectNode) topic(root, 1).get("video")).remove("duration");
        byte[] uploaded = Json.mapper().writeValueAsBytes(root);
        Files.write(dir.resolve("book.json"), uploaded);
        Book checked = read(dir);
        assertThat(errors()).isEmpty();

        report = new ValidationReport.Builder();
        Book stored = BookDefinition.read(BookDefinition.asStored(uploaded, checked), "b1", "t1", null, report);
        assertThat(errors()).isEmpty();
        assertThat(stored.topics()).extracting(t -> t.video().duration()).containsExactly(20.0, 19.75);
        report = new ValidationReport.Builder();
        assertThat(BookDefinition.read(uploaded, "b1", "t1", null, report)).as("no files, no lengths").isNull();
        assertThat(errors()).contains("unknown-duration@$.topics[0].video.duration");
    }

    @Test
    void sniffsContainers() throws IOException {
        Path mp4 = Files.write(temp.resolve("a.mp4"), new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o'});
        Path webm = Files.write(temp.resolve("a.webm"), SampleBooks.WEBM);
        Path mkv = Files.write(temp.resolve("a.mkv"), new byte[] {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3, 'm', 'k'});
        assertThat(BookDefinition.sniff(mp4)).isEqualTo("video/mp4");
        assertThat(BookDefinition.sniff(webm)).isEqualTo("video/webm");
        assertThat(BookDefinition.sniff(mkv)).isNull();
    }

    @Test
    void theShippedSchemaDescribesTheSameProperties() throws IOException {
        JsonNode schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(BookDefinition.SCHEMA_RESOURCE)) {
            assertThat(in).as("schema in the jar").isNotNull();
            schema = Json.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(names(schema.get("properties"))).containsExactlyInAnyOrder("format", "key", "title",
                "description", "defaultLanguage", "completionShare", "topics");
        JsonNode topic = schema.get("$defs").get("topic");
        assertThat(names(topic.get("properties"))).containsExactlyInAnyOrder("id", "title", "description", "video",
                "subtitles", "links");
        assertThat(names(schema.get("$defs").get("video").get("properties")))
                .containsExactlyInAnyOrder("file", "type", "duration");
        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(((ArrayNode) schema.get("required"))).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("format", "title", "topics");
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
