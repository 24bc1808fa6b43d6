package dev.manabi.core;

import java.util.Locale;
import java.util.Map;

/**
 * Content types for stored files (package content, book media), by extension. An own table rather than the container's or the operating
 * system's: the answer must not depend on the server, since {@code X-Content-Type-Options: nosniff} makes browsers
 * refuse scripts and styles served with a wrong type (WHATWG Fetch 3.5, "should response to request be blocked due
 * to nosniff"). Unknown extensions are {@code application/octet-stream}.
 */
public final class MimeTypes {

    public static final String DEFAULT = "application/octet-stream";

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("xhtml", "application/xhtml+xml"),
            Map.entry("js", "text/javascript"), Map.entry("mjs", "text/javascript"), Map.entry("css", "text/css"),
            Map.entry("json", "application/json"), Map.entry("map", "application/json"),
            Map.entry("xml", "application/xml"), Map.entry("xsd", "application/xml"),
            Map.entry("dtd", "application/xml-dtd"), Map.entry("txt", "text/plain"), Map.entry("csv", "text/csv"),
            Map.entry("vtt", "text/vtt"), Map.entry("srt", "text/plain"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"), Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("bmp", "image/bmp"),
            Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/mp4"), Map.entry("webm", "video/webm"),
            Map.entry("ogv", "video/ogg"), Map.entry("mov", "video/quicktime"), Map.entry("m3u8",
                    "application/vnd.apple.mpegurl"), Map.entry("ts", "video/mp2t"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"), Map.entry("aac", "audio/aac"),
            Map.entry("wav", "audio/wav"), Map.entry("ogg", "audio/ogg"), Map.entry("oga", "audio/ogg"),
            Map.entry("weba", "audio/webm"), Map.entry("flac", "audio/flac"),
            Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"), Map.entry("eot", "application/vnd.ms-fontobject"),
            Map.entry("pdf", "application/pdf"), Map.entry("zip", "application/zip"),
            Map.entry("swf", "application/x-shockwave-flash"), Map.entry("wasm", "application/wasm"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"));

    private MimeTypes() {
    }

    /** The content type for a file name, by its last extension, case-insensitive. */
    public static String of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        int slash = fileName.lastIndexOf('/');
        if (dot < 0 || dot < slash) {
            return DEFAULT;
        }
        return TYPES.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT);
    }
}
