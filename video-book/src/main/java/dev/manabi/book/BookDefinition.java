package dev.manabi.book;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.ValidationReport;
import dev.manabi.core.Json;
import dev.manabi.i18n.LocalizedText;
import dev.manabi.i18n.UiLanguage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks a {@code book.json} (format {@code manabi-book/1}, documented in the module README and shipped as
 * JSON Schema {@code META-INF/manabi/schema/book-1.schema.json}). Every problem carries the JSON path it concerns, and
 * with a book directory also the files: videos must exist and be MP4 or WebM, subtitles must be valid WebVTT.
 */
final class BookDefinition {

    static final String FORMAT = "manabi-book/1";
    static final String FILE_NAME = "book.json";
    static final String SCHEMA_RESOURCE = "META-INF/manabi/schema/book-1.schema.json";

    private static final Set<String> BOOK_FIELDS = Set.of("format", "key", "title", "description", "defaultLanguage",
            "completionShare", "topics");
    private static final Set<String> TOPIC_FIELDS = Set.of("id", "title", "description", "video", "subtitles",
            "links");
    private static final Set<String> VIDEO_FIELDS = Set.of("file", "type", "duration");
    private static final Set<String> SUBTITLE_FIELDS = Set.of("language", "file");
    private static final Set<String> LINK_FIELDS = Set.of("url", "label", "language");
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern TOPIC_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*");
    private static final Map<String, String> VIDEO_TYPES = Map.of("mp4", "video/mp4", "m4v", "video/mp4",
            "webm", "video/webm");
    private static final int MAX_TOPICS = 200;
    private static final int MAX_TEXT = 4000;
    private static final double MAX_DURATION = 4 * 3600;
    /** Containers round, and audio and video tracks end a frame apart: a declaration this close is the same length. */
    private static final double DURATION_TOLERANCE = 1.0;

    private BookDefinition() {
    }

    /**
     * Reads a definition.
     *
     * @param dir the unpacked book, to check the files it names; null to check only the JSON (books already stored)
     * @return the book, or null when {@code report} has errors
     */
    static Book read(byte[] json, String bookId, String ownerTenantId, Path dir, ValidationReport.Builder report) {
        JsonNode root;
        try {
            // Duplicate keys would let two readers of the same file see different books.
            root = Json.mapper().reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(json);
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            report.error("json-syntax", "book.json is not valid JSON: " + e.getOriginalMessage(),
                    FILE_NAME + (where == null ? "" : ":" + where.getLineNr() + ":" + where.getColumnNr()));
            return null;
        } catch (IOException e) {
            report.error("json-syntax", "book.json could not be read", FILE_NAME);
            return null;
        }
        if (root == null || !root.isObject()) {
            report.error("json-type", "book.json must hold a JSON object", "$");
            return null;
        }
        unknownFields(root, BOOK_FIELDS, "$", report);
        JsonNode format = root.get("format");
        if (format == null || !FORMAT.equals(format.asText(null))) {
            report.error("unsupported-format", "Set \"format\": \"" + FORMAT + "\"", "$.format");
        }
        String key = optionalText(root, "key", "$", report);
        if (key != null && !KEY.matcher(key).matches()) {
            report.error("bad-key", "A key is 1-64 lower-case letters, digits and hyphens", "$.key");
        }
        LocalizedText title = localized(root.get("title"), "$.title", true, report);
        LocalizedText description = localized(root.get("description"), "$.description", false, report);
        String defaultLanguage = optionalText(root, "defaultLanguage", "$", report);
        if (defaultLanguage != null && !isLanguageTag(defaultLanguage)) {
            report.error("bad-language", "Not a BCP 47 language tag: " + defaultLanguage, "$.defaultLanguage");
        }
        Double share = null;
        JsonNode shareNode = root.get("completionShare");
        if (shareNode != null && !shareNode.isNull()) {
            if (!shareNode.isNumber() || shareNode.asDouble() <= 0 || shareNode.asDouble() > 1) {
                report.error("bad-completion-share", "completionShare is a number in (0, 1]", "$.completionShare");
            } else {
                share = shareNode.asDouble();
            }
        }
        List<Topic> topics = new ArrayList<>();
        JsonNode topicsNode = root.get("topics");
        if (topicsNode == null || !topicsNode.isArray() || topicsNode.isEmpty()) {
            report.error("topics-required", "A book needs a non-empty array of topics", "$.topics");
        } else if (topicsNode.size() > MAX_TOPICS) {
            report.error("too-many-topics", "A book has at most " + MAX_TOPICS + " topics", "$.topics");
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < topicsNode.size(); i++) {
                Topic topic = topic(topicsNode.get(i), "$.topics[" + i + "]", ids, dir, report);
                if (topic != null) {
                    topics.add(topic);
                }
            }
        }
        if (dir != null && !report.hasErrors()) {
            warnUnusedFiles(dir, topics, report);
        }
        if (report.hasErrors()) {
            return null;
        }
        return new Book(bookId, key, ownerTenantId, title, description, defaultLanguage, share, topics);
    }

    private static Topic topic(JsonNode node, String path, Set<String> ids, Path dir, ValidationReport.Builder report) {
        if (node == null || !node.isObject()) {
            report.error("json-type", "A topic is a JSON object", path);
            return null;
        }
        unknownFields(node, TOPIC_FIELDS, path, report);
        String id = optionalText(node, "id", path, report);
        if (id == null) {
            report.error("topic-id-required", "Every topic needs an id", path + ".id");
        } else if (!TOPIC_ID.matcher(id).matches()) {
            report.error("bad-topic-id", "A topic id is 1-64 letters, digits, '_' and '-'", path + ".id");
        } else if (!ids.add(id)) {
            report.error("duplicate-topic-id", "Another topic already has the id '" + id + "'", path + ".id");
        }
        LocalizedText title = localized(node.get("title"), path + ".title", true, report);
        LocalizedText description = localized(node.get("description"), path + ".description", false, report);
        Topic.Video video = video(node.get("video"), path + ".video", dir, report);
        List<Subtitle> subtitles = new ArrayList<>();
        JsonNode subs = node.get("subtitles");
        if (subs == null || (subs.isArray() && subs.isEmpty())) {
            report.warning("no-subtitles", "This topic has no subtitles", path + ".subtitles");
        } else if (!subs.isArray()) {
            report.error("json-type", "subtitles is an array", path + ".subtitles");
        } else {
            Set<String> languages = new HashSet<>();
            for (int i = 0; i < subs.size(); i++) {
                Subtitle s = subtitle(subs.get(i), path + ".subtitles[" + i + "]", languages,
                        video == null ? 0 : video.duration(), dir, report);
                if (s != null) {
                    subtitles.add(s);
                }
            }
        }
        List<Topic.Link> links = new ArrayList<>();
        JsonNode linkNodes = node.get("links");
        if (linkNodes != null && !linkNodes.isArray()) {
            report.error("json-type", "links is an array", path + ".links");
        } else if (linkNodes != null) {
            for (int i = 0; i < linkNodes.size(); i++) {
                Topic.Link link = link(linkNodes.get(i), path + ".links[" + i + "]", report);
                if (link != null) {
                    links.add(link);
                }
            }
        }
        if (id == null || video == null) {
            return null;
        }
        return new Topic(id, title, description, video, subtitles, links);
    }

    private static Topic.Video video(JsonNode node, String path, Path dir, ValidationReport.Builder report) {
        if (node == null || !node.isObject()) {
            report.error("video-required", "A topic needs \"video\": {\"file\", \"type\"}", path);
            return null;
        }
        unknownFields(node, VIDEO_FIELDS, path, report);
        String file = filePath(node, path, report);
        String type = optionalText(node, "type", path, report);
        if (type == null || !VIDEO_TYPES.containsValue(type)) {
            report.error("bad-video-type", "type is \"video/mp4\" or \"video/webm\"", path + ".type");
            type = null;
        }
        JsonNode durationNode = node.get("duration");
        double declared = durationNode == null ? 0 : durationNode.isNumber() ? durationNode.asDouble() : -1;
        if (durationNode != null && !(declared > 0 && declared <= MAX_DURATION)) {
            report.error("bad-duration", "duration is the video's length in seconds (0 < d <= "
                    + (int) MAX_DURATION + ")", path + ".duration");
        }
        boolean fileIsVideo = false;
        if (file != null) {
            String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            String byExtension = VIDEO_TYPES.get(extension);
            if (byExtension == null) {
                report.error("bad-video-file", "Videos are .mp4 or .webm files", path + ".file");
            } else if (type != null && !byExtension.equals(type)) {
                report.error("video-type-mismatch", "type " + type + " does not match " + file, path + ".type");
            }
            if (dir != null && byExtension != null && exists(dir, file, path + ".file", report)) {
                String sniffed = sniff(dir.resolve(file));
                if (sniffed == null) {
                    report.error("bad-video-content", "This file is neither MP4 nor WebM", file);
                } else if (!sniffed.equals(byExtension)) {
                    report.error("video-type-mismatch", "The file's content is " + sniffed, file);
                } else {
                    fileIsVideo = true;
                }
            }
        }
        double duration = fileIsVideo ? length(dir.resolve(file), file, declared, path, report) : declared;
        if (dir == null && declared == 0) {
            report.error("unknown-duration", "A stored definition states each video's duration", path + ".duration");
        }
        if (file == null || type == null || !(duration > 0 && duration <= MAX_DURATION)) {
            return null;
        }
        return new Topic.Video(file, type, duration);
    }

    /**
     * The definition as stored: the upload with each topic's {@code video.duration} set to the length the import
     * measured, so that a stored book reads back (without its files) exactly as it was checked.
     */
    static byte[] asStored(byte[] json, Book book) {
        try {
            JsonNode root = Json.mapper().readTree(json);
            JsonNode topics = root.get("topics");
            for (int i = 0; i < book.topics().size(); i++) {
                ((ObjectNode) topics.get(i).get("video"))
                        .put("duration", book.topics().get(i).video().duration());
            }
            return Json.mapper().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The topic's length in seconds: what the file states (the watched share is measured against it), checked against
     * the author's declaration where there is one; the declaration alone only for files that do not state it.
     */
    private static double length(Path video, String file, double declared, String path,
                                 ValidationReport.Builder report) {
        if (declared < 0) {
            return declared;
        }
        OptionalDouble stated = VideoLength.of(video, sniff(video));
        if (stated.isEmpty()) {
            if (declared == 0) {
                report.error("unknown-duration", "The video does not state its length; declare \"duration\" in seconds",
                        path + ".duration");
            } else if (declared > 0) {
                report.warning("unverified-duration", "The video does not state its length; the declared "
                        + declared + " s is used as is", file);
            }
            return declared;
        }
        double actual = stated.getAsDouble();
        if (!(actual <= MAX_DURATION)) {
            report.error("bad-duration", "The video is longer than " + (int) MAX_DURATION + " s", file);
            return -1;
        }
        if (declared > 0 && Math.abs(declared - actual) > Math.max(DURATION_TOLERANCE, actual * 0.02)) {
            report.error("duration-mismatch", String.format(Locale.ROOT,
                    "duration says %.3f s but the video lasts %.3f s (leave duration out to use the video's own)",
                    declared, actual), path + ".duration");
            return -1;
        }
        return actual;
    }

    private static Subtitle subtitle(JsonNode node, String path, Set<String> languages, double videoDuration,
                                     Path dir, ValidationReport.Builder report) {
        if (node == null || !node.isObject()) {
            report.error("json-type", "A subtitle is {\"language\", \"file\"}", path);
            return null;
        }
        unknownFields(node, SUBTITLE_FIELDS, path, report);
        String language = optionalText(node, "language", path, report);
        if (language == null || !isLanguageTag(language)) {
            report.error("bad-language", "language is a BCP 47 tag such as ja or zh-Hant", path + ".language");
            language = null;
        } else if (!languages.add(language.toLowerCase(Locale.ROOT))) {
            report.error("duplicate-subtitle-language", "Two subtitle tracks for " + language, path + ".language");
        }
        String file = filePath(node, path, report);
        if (file != null && !file.toLowerCase(Locale.ROOT).endsWith(".vtt")) {
            report.error("bad-subtitle-file", "Subtitles are WebVTT files ending in .vtt", path + ".file");
            file = null;
        }
        if (file != null && dir != null && exists(dir, file, path + ".file", report)) {
            try {
                WebVtt.check(file, Files.readAllBytes(dir.resolve(file)), videoDuration, report);
            } catch (IOException e) {
                report.error("file-unreadable", "Could not read " + file, file);
            }
        }
        return language == null || file == null ? null : new Subtitle(language, file);
    }

    private static Topic.Link link(JsonNode node, String path, ValidationReport.Builder report) {
        if (node == null || !node.isObject()) {
            report.error("json-type", "A link is {\"url\", \"label\", \"language\"}", path);
            return null;
        }
        unknownFields(node, LINK_FIELDS, path, report);
        String url = optionalText(node, "url", path, report);
        if (url == null || !isWebUrl(url)) {
            report.error("bad-url", "Links need an absolute http or https URL", path + ".url");
            url = null;
        }
        LocalizedText label = localized(node.get("label"), path + ".label", true, report);
        String language = optionalText(node, "language", path, report);
        if (language != null && !isLanguageTag(language)) {
            report.error("bad-language", "Not a BCP 47 language tag: " + language, path + ".language");
        }
        return url == null ? null : new Topic.Link(url, label, language);
    }

    private static LocalizedText localized(JsonNode node, String path, boolean required,
                                           ValidationReport.Builder report) {
        if (node == null || node.isNull()) {
            if (required) {
                report.error("text-required", "Give the text per language, e.g. {\"ja\": \"…\", \"en\": \"…\"}", path);
            }
            return new LocalizedText(Map.of());
        }
        if (!node.isObject()) {
            report.error("json-type", "A text is an object of language tag to text", path);
            return new LocalizedText(Map.of());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = path + "['" + e.getKey() + "']";
            if (!isLanguageTag(e.getKey())) {
                report.error("bad-language", "Not a BCP 47 language tag: " + e.getKey(), where);
            } else if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                report.error("json-type", "Each text is a non-empty string", where);
            } else if (e.getValue().asText().length() > MAX_TEXT) {
                report.error("text-too-long", "Texts are at most " + MAX_TEXT + " characters", where);
            } else {
                values.put(e.getKey(), e.getValue().asText());
            }
        }
        if (required && values.isEmpty()) {
            report.error("text-required", "Give the text in at least one language", path);
        } else if (required) {
            List<String> missing = UiLanguage.all().stream()
                    .filter(l -> values.keySet().stream().noneMatch(k -> UiLanguage.ofTag(k).equals(
                            java.util.Optional.of(l))))
                    .map(UiLanguage::tag).toList();
            if (!missing.isEmpty()) {
                report.warning("missing-translation", "No text for " + String.join(", ", missing)
                        + "; those learners see a fallback", path);
            }
        }
        return new LocalizedText(values);
    }

    private static String filePath(JsonNode node, String path, ValidationReport.Builder report) {
        String file = optionalText(node, "file", path, report);
        if (file == null) {
            report.error("file-required", "Name the file, relative to book.json", path + ".file");
            return null;
        }
        // Plain relative names only: no "..", no absolute paths, no backslashes, nothing a URL would need to escape.
        if (!FILE.matcher(file).matches() || file.contains("..") || file.length() > 200) {
            report.error("bad-file-name", "File names are relative paths of letters, digits, '.',"
                    + " '_', '-' and '/', without \"..\"", path + ".file");
            return null;
        }
        return file;
    }

    private static boolean exists(Path dir, String file, String path, ValidationReport.Builder report) {
        Path p = dir.resolve(file).normalize();
        if (!p.startsWith(dir) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            report.error("file-missing", "No file " + file + " in the upload", path);
            return false;
        }
        return true;
    }

    /** The container by its first bytes: ISO BMFF has "ftyp" at offset 4; WebM is EBML (1A 45 DF A3), doctype webm. */
    static String sniff(Path file) {
        byte[] head = new byte[64];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return null;
        }
        if (n >= 8 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') {
            return "video/mp4";
        }
        if (n >= 4 && (head[0] & 0xff) == 0x1a && (head[1] & 0xff) == 0x45 && (head[2] & 0xff) == 0xdf
                && (head[3] & 0xff) == 0xa3 && new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("webm")) {
            return "video/webm";
        }
        return null;
    }

    private static void warnUnusedFiles(Path dir, List<Topic> topics, ValidationReport.Builder report) {
        Set<String> used = new HashSet<>();
        used.add(FILE_NAME);
        for (Topic t : topics) {
            used.add(t.video().file());
            t.subtitles().forEach(s -> used.add(s.file()));
        }
        try (var files = Files.walk(dir)) {
            files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> !used.contains(name)).sorted()
                    .forEach(name -> report.warning("unused-file", "Not referenced by book.json; not served", name));
        } catch (IOException e) {
            // not e.getMessage(): it names the staging folder on this server's disk
            report.warning("unused-file", "Could not list the upload", "(upload)");
        }
    }

    private static void unknownFields(JsonNode node, Set<String> known, String path, ValidationReport.Builder report) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                report.error("unknown-property", "Unknown property \"" + name + "\"; expected "
                        + new java.util.TreeSet<>(known), path + "." + name);
            }
        });
    }

    private static String optionalText(JsonNode node, String field, String path, ValidationReport.Builder report) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            report.error("json-type", field + " is a string", path + "." + field);
            return null;
        }
        return value.asText();
    }

    static boolean isLanguageTag(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            return false;
        }
        Locale locale = Locale.forLanguageTag(tag);
        return !locale.getLanguage().isEmpty() && locale.toLanguageTag().equalsIgnoreCase(tag);
    }

    private static boolean isWebUrl(String url) {
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
