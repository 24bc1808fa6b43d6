#!/usr/bin/env bash
# Generates the demo video book "Information security basics" for the sample host.
#
# Inputs (both in this folder, written for Manabi Player):
#   book.meta.json  the book definition without media facts (titles, descriptions, links per language)
#   topics.tsv      the narration: one sentence per line, spoken in English and subtitled in ja/en/zh-Hans/zh-Hant/ko
# Output: ../src/main/demo/book/ (or the folder given as $1): book.json, media/<topic>.webm, subtitles/<topic>.<lang>.vtt
#
# Every sentence is synthesised on its own with espeak-ng, so its WebVTT cue starts and ends exactly where the
# voice does. Each video is a 320x180 "slide" at 5 fps drawn by ffmpeg (title, topic number, running seconds and a
# progress bar), encoded as WebM with VP9 video and Opus mono audio: Chromium plays VP9/Opus in every build, whereas
# H.264 depends on how the browser was built. The book.json durations are measured from the encoded files.
#
# Needs: bash, ffmpeg (with libvpx-vp9, libopus and drawtext), espeak-ng, jq, the DejaVu fonts.
#   apt-get install -y ffmpeg espeak-ng jq fonts-dejavu-core
# Run:  sample-host/demo/make-demo-book.sh      (about a minute; the output is committed so CI needs none of this)
# Encoding is single-threaded with bit-exact flags so that re-running it gives the same bytes on the same versions.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../src/main/demo/book}
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
font_bold=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
voice=en-us
lead=0.6   # silence before the first sentence, seconds
gap=0.5    # silence between sentences
tail=0.8   # silence after the last sentence
langs=(en ja zh-Hans zh-Hant ko)

for tool in ffmpeg ffprobe espeak-ng jq; do
  command -v "$tool" >/dev/null || { echo "missing $tool (see the header of $0)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out/media" "$out/subtitles" "$out/book.json"
mkdir -p "$out/media" "$out/subtitles"

duration() { ffprobe -v error -show_entries format=duration -of csv=p=0 "$1"; }
# WebVTT timestamp hh:mm:ss.ttt (WebVTT section 4.5 "WebVTT timestamp")
stamp() { awk -v s="$1" 'BEGIN { ms = int(s * 1000 + 0.5); printf "%02d:%02d:%02d.%03d", int(ms / 3600000), int(ms / 60000) % 60, int(ms / 1000) % 60, ms % 1000 }'; }
add() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a + b }'; }
silence() { ffmpeg -v error -f lavfi -i "anullsrc=r=22050:cl=mono" -t "$1" -c:a pcm_s16le "$2"; }

silence "$lead" "$work/lead.wav"
silence "$gap" "$work/gap.wav"
silence "$tail" "$work/tail.wav"

mapfile -t topics < <(jq -r '.topics[].id' "$here/book.meta.json")
count=${#topics[@]}
book=$(cat "$here/book.meta.json")

for index in "${!topics[@]}"; do
  topic=${topics[$index]}
  title=$(jq -r --arg t "$topic" '.topics[] | select(.id == $t) | .title.en' "$here/book.meta.json")
  for lang in "${langs[@]}"; do printf 'WEBVTT\n' > "$work/$topic.$lang.vtt"; done
  : > "$work/$topic.list"
  echo "file 'lead.wav'" >> "$work/$topic.list"
  t=$lead
  n=0
  while IFS=$'\t' read -r id en ja hans hant ko; do
    [[ "$id" == "$topic" ]] || continue
    n=$((n + 1))
    espeak-ng -v "$voice" -s 150 -w "$work/$topic-$n.wav" "$en"
    end=$(add "$t" "$(duration "$work/$topic-$n.wav")")
    texts=("$en" "$ja" "$hans" "$hant" "$ko")
    for i in "${!langs[@]}"; do
      printf '\n%s\n%s --> %s\n%s\n' "$n" "$(stamp "$t")" "$(stamp "$end")" "${texts[$i]}" >> "$work/$topic.${langs[$i]}.vtt"
    done
    echo "file '$topic-$n.wav'" >> "$work/$topic.list"
    echo "file 'gap.wav'" >> "$work/$topic.list"
    t=$(add "$end" "$gap")
  done < <(grep -v '^#' "$here/topics.tsv")
  echo "file 'tail.wav'" >> "$work/$topic.list"
  ffmpeg -v error -f concat -safe 0 -i "$work/$topic.list" -c:a pcm_s16le "$work/$topic.wav"
  total=$(duration "$work/$topic.wav")

  # The slide: the filter graph goes to a file so drawtext's own escaping is not mangled by the shell.
  cat > "$work/$topic.filter" <<EOF
color=c=0x1f3b5c:s=320x180:r=5:d=$total [bg];
color=c=0xf2b134:s=320x6:r=5:d=$total [bar];
[bg][bar] overlay=x='-w+W*t/$total':y=H-h:shortest=1,
drawtext=fontfile=$font:text='Information security basics':fontcolor=0xc8d6e5:fontsize=11:x=10:y=10,
drawtext=fontfile=$font:text='%{eif\:t\:d} s':fontcolor=0xc8d6e5:fontsize=11:x=w-tw-10:y=10,
drawtext=fontfile=$font_bold:text='$title':fontcolor=white:fontsize=22:x=(w-tw)/2:y=62,
drawtext=fontfile=$font:text='Topic $((index + 1)) / $count':fontcolor=0xf2b134:fontsize=13:x=(w-tw)/2:y=100 [v]
EOF
  ffmpeg -v error -y -filter_complex_script "$work/$topic.filter" -i "$work/$topic.wav" \
    -map '[v]' -map 0:a -t "$total" -threads 1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact \
    -map_metadata -1 \
    -c:v libvpx-vp9 -b:v 0 -crf 50 -deadline good -cpu-used 4 -g 10 -pix_fmt yuv420p \
    -c:a libopus -b:a 16k -ac 1 -ar 24000 -application voip \
    "$out/media/$topic.webm"
  for lang in "${langs[@]}"; do cp "$work/$topic.$lang.vtt" "$out/subtitles/$topic.$lang.vtt"; done

  measured=$(duration "$out/media/$topic.webm")
  book=$(jq --arg t "$topic" --argjson d "$(printf '%.3f' "$measured")" '
    (.topics[] | select(.id == $t)) |= ({id, title, description,
      video: {file: ("media/" + $t + ".webm"), type: "video/webm", duration: $d},
      subtitles: [("ja", "en", "zh-Hans", "zh-Hant", "ko") as $l | {language: $l, file: ("subtitles/" + $t + "." + $l + ".vtt")}],
      links})' <<< "$book")
  echo "$topic: $n sentences, ${measured}s, $(stat -c %s "$out/media/$topic.webm") bytes" >&2
done

printf '%s\n' "$book" > "$out/book.json"
echo "wrote $out ($(du -sb "$out" | cut -f1) bytes)" >&2
