#!/usr/bin/env python3
"""The whole appraiser on the tune split (the test split: `dotnet run --project Bot -c Release -- train --score test`): every line of training/*.tune.jsonl as a new member's first
message, through `eval --json` (lexicon + heads + structural rules + stance), scored for crisis.

    python3 scripts/validation-eval.py            # from the repository root; standard library only

Look-alike and everyday files are named below; a line counts as flagged when its signals hold crisis or its rule is
the crisis protocol."""
import glob, json, os, subprocess, sys, tempfile

LOOKALIKE = {"crisis-lookalikes", "hard-lookalike-prompts", "s3-lookalike"}
EVERYDAY = {"distress-everyday", "hard-everyday-emotion", "goemotions-safety", "everyday-safe", "s3-everyday", "long-everyday"}
IMPLICIT = {"crisis-implicit", "hard-crisis", "s3-crisis"}

def main():
    meta, prompts = {}, []
    for path in sorted(glob.glob("training/*.tune.jsonl")):
        topic = os.path.basename(path)[: -len(".tune.jsonl")]
        for i, line in enumerate(open(path, encoding="utf-8")):
            if line.strip():
                row = json.loads(line)
                key = f"{topic}:{i + 1}"
                meta[key] = (topic, set(row["labels"]))
                prompts.append({"id": key, "category": topic, "subcategory": "valid", "prompt": row["text"]})
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        f.write("".join(json.dumps(p) + "\n" for p in prompts))
    out = subprocess.run(["dotnet", "run", "--project", "Bot", "--", "eval", f.name, "--json"], capture_output=True, text=True, check=True).stdout
    os.unlink(f.name)
    c = dict.fromkeys(["crisis", "found", "implicit", "implicit_found", "teased", "look", "look_fp", "every", "every_fp", "distress", "distress_teased"], 0)
    for r in json.loads(out)["results"]:
        topic, labels = meta[r["id"]]
        flagged = "crisis" in r["signals"] or r["rule"].startswith("safety.crisis")
        if "crisis" in labels:
            c["crisis"] += 1; c["found"] += flagged
            if topic in IMPLICIT: c["implicit"] += 1; c["implicit_found"] += flagged
            if not flagged and r["stance"] == "tease": c["teased"] += 1
            continue
        if topic in LOOKALIKE: c["look"] += 1; c["look_fp"] += flagged
        if topic in EVERYDAY: c["every"] += 1; c["every_fp"] += flagged
        if "vulnerability" in labels: c["distress"] += 1; c["distress_teased"] += r["stance"] == "tease"
    pct = lambda a, b: f"{a}/{b} ({100 * a / max(b, 1):.1f}%)"
    print("crisis flagged           ", pct(c["found"], c["crisis"]))
    print("  without obvious words  ", pct(c["implicit_found"], c["implicit"]))
    print("missed crisis teased     ", c["teased"])
    print("false crisis, look-alikes", pct(c["look_fp"], c["look"]))
    print("false crisis, everyday   ", pct(c["every_fp"], c["every"]))
    print("distress teased          ", pct(c["distress_teased"], c["distress"]))

if __name__ == "__main__":
    sys.exit(main())
