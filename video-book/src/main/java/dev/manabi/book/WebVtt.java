package dev.manabi.book;

import dev.manabi.api.ValidationReport;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a subtitle file against the syntax of W3C "WebVTT: The Web Video Text Tracks Format" (section 4, file
 * structure), so authors learn about a broken track at import rather than from a silent browser: browsers skip what
 * their parser (section 6) cannot read, and a learner just sees no captions.
 */
final class WebVtt {

    /** Section 4.5 "WebVTT timestamp": optional hours (two or more digits), minutes and seconds 00-59, 3-digit ms. */
    private static final Pattern TIMESTAMP = Pattern.compile("(?:(\\d{2,}):)?([0-5]\\d):([0-5]\\d)\\.(\\d{3})");
    /** Section 4.4 "WebVTT cue timings": start, one or more spaces or tabs, "-->", spaces or tabs, end, settings. */
    private static final Pattern TIMING = Pattern.compile("(\\S+)[ \\t]+-->[ \\t]+(\\S+)(?:[ \\t]+(.*))?");
    /** Section 4.4 cue settings names. */
    private static final Set<String> SETTINGS = Set.of("vertical", "line", "position", "size", "align", "region");
    private static final double END_TOLERANCE = 1.0;

    private WebVtt() {
    }

    /**
     * Adds what is wrong with {@code content} to {@code report}.
     *
     * @param file          the file's name for locations ({@code subtitles/a.ja.vtt:12})
     * @param videoDuration the video's length in seconds; cues ending after it get a warning (0 to skip)
     * @return the number of cues found
     */
    static int check(String file, byte[] content, double videoDuration, ValidationReport.Builder report) {
        String text;
        try {
            // Section 4.1: a WebVTT file is UTF-8; the parser replaces bad bytes, which shows as garbage captions.
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            report.error("vtt-encoding", "A WebVTT file must be UTF-8", file);
            return 0;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        // Section 4.1: lines end with CRLF, LF or CR.
        String[] lines = text.split("\r\n|\r|\n", -1);
        String first = lines[0];
        if (!(first.equals("WEBVTT") || first.startsWith("WEBVTT ") || first.startsWith("WEBVTT\t"))) {
            report.error("vtt-signature", "A WebVTT file must start with the line \"WEBVTT\"", file + ":1");
            return 0;
        }
        if (first.contains("-->")) {
            report.error("vtt-header", "The WEBVTT line must not contain \"-->\"", file + ":1");
        }
        int cues = 0;
        boolean broken = false;
        int i = 1;
        // The header ends at the first blank line; a timing line before it means a missing blank line.
        while (i < lines.length && !lines[i].isEmpty()) {
            if (lines[i].contains("-->")) {
                report.error("vtt-header", "A blank line must separate the WEBVTT header from the first cue",
                        file + ":" + (i + 1));
                broken = true;
            }
            i++;
        }
        long previousStart = -1;
        long lastEnd = 0;
        while (i < lines.length) {
            while (i < lines.length && lines[i].isEmpty()) {
                i++;
            }
            if (i >= lines.length) {
                break;
            }
            int blockStart = i;
            List<String> block = new ArrayList<>();
            while (i < lines.length && !lines[i].isEmpty()) {
                block.add(lines[i]);
                i++;
            }
            String head = block.get(0);
            if (isKeywordBlock(head, "NOTE")) {
                continue; // section 4.3 comment block
            }
            if (!head.contains("-->") && (isKeywordBlock(head, "STYLE") || isKeywordBlock(head, "REGION"))) {
                if (cues > 0) {
                    report.warning("vtt-late-block", head.trim()
                            + " blocks must come before the first cue; browsers ignore this one",
                            file + ":" + (blockStart + 1));
                }
                continue;
            }
            int timingIndex = head.contains("-->") ? 0 : 1;
            if (timingIndex >= block.size() || !block.get(timingIndex).contains("-->")) {
                report.error("vtt-timing-missing", "Expected a cue timing line \"00:00.000 --> 00:02.000\"",
                        file + ":" + (blockStart + 1));
                broken = true;
                continue;
            }
            int timingLine = blockStart + timingIndex + 1;
            Matcher m = TIMING.matcher(block.get(timingIndex));
            Long start = m.matches() ? millis(m.group(1)) : null;
            Long end = m.matches() ? millis(m.group(2)) : null;
            if (start == null || end == null) {
                report.error("vtt-timing", "Bad cue timing \"" + block.get(timingIndex)
                        + "\"; timestamps look like 00:01.500 or 01:00:01.500", file + ":" + timingLine);
                broken = true;
                continue;
            }
            cues++;
            if (end <= start) {
                report.error("vtt-timing", "A cue must end after it starts", file + ":" + timingLine);
            }
            if (start < previousStart) {
                // Section 4.1: each cue's start time must not be earlier than the start of the cue before it.
                report.error("vtt-cue-order", "Cues must be in order of their start time", file + ":" + timingLine);
            }
            previousStart = start;
            lastEnd = Math.max(lastEnd, end);
            checkSettings(m.group(3), file + ":" + timingLine, report);
            for (int j = timingIndex + 1; j < block.size(); j++) {
                if (block.get(j).contains("-->")) {
                    // Section 4.1: cue text must not contain "-->"; the parser takes it as the next cue's timing.
                    report.error("vtt-missing-blank-line",
                            "Cue text must not contain \"-->\"; is a blank line missing before this cue?",
                            file + ":" + (blockStart + j + 1));
                }
            }
            if (block.size() == timingIndex + 1) {
                report.warning("vtt-empty-cue", "This cue has no text", file + ":" + timingLine);
            }
        }
        if (cues == 0 && !broken) {
            report.warning("vtt-no-cues", "This subtitle file has no cues", file);
        }
        if (videoDuration > 0 && lastEnd / 1000.0 > videoDuration + END_TOLERANCE) {
            report.warning("vtt-beyond-video", "Cues run until " + lastEnd / 1000.0
                    + " s but the video is " + videoDuration + " s long", file);
        }
        return cues;
    }

    /** "NOTE", "STYLE" or "REGION" alone or followed by a space or tab (sections 4.3 and 4.2). */
    private static boolean isKeywordBlock(String line, String keyword) {
        return line.equals(keyword) || line.startsWith(keyword + " ") || line.startsWith(keyword + "\t");
    }

    /** Milliseconds of a section 4.5 timestamp, or null if it is not one. */
    static Long millis(String stamp) {
        Matcher m = TIMESTAMP.matcher(stamp);
        if (!m.matches()) {
            return null;
        }
        long hours = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        return ((hours * 60 + Long.parseLong(m.group(2))) * 60 + Long.parseLong(m.group(3))) * 1000
                + Long.parseLong(m.group(4));
    }

    private static void checkSettings(String settings, String location, ValidationReport.Builder report) {
        if (settings == null || settings.isBlank()) {
            return;
        }
        for (String setting : settings.trim().split("[ \\t]+")) {
            int colon = setting.indexOf(':');
            if (colon <= 0 || colon == setting.length() - 1 || !SETTINGS.contains(setting.substring(0, colon))) {
                report.warning("vtt-setting", "Unknown cue setting \"" + setting + "\" is ignored", location);
            }
        }
    }
}
