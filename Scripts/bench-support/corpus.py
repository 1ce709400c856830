# The synthetic content tree of the benchmark: a large, valid Harigami site in Japanese and English.
#
# Every page is written the way the shipped Content/ is: polite Japanese with soft line breaks between Japanese
# characters, emphasis next to 「」 and 。, ruby, lists, tables, links between pages, and the required example sections
# with the sample wording as block quotes. English translations keep the Japanese page's structure and carry the
# source-hash of their Japanese page, so `harigami check` finds nothing to report. The same seed gives the same tree.

import hashlib
import os
import random
import re

LANGUAGES = ("ja", "en")

SECTIONS = [
    ("situation", "想定される場面", "The situation", False),
    ("judgement", "判断のポイント", "How to judge it", False),
    ("steps", "対応の手順", "What to do", False),
    ("wording", "伝え方の例", "What you can say", True),
    ("escalation", "管理職への引継ぎと記録", "Escalation and records", False),
]

JA_PLACES = ["窓口", "電話", "メール", "受付カウンター", "相談室", "駐車場", "市民課の前", "福祉課の窓口"]
EN_PLACES = ["the counter", "the phone", "email", "reception", "the meeting room", "the car park", "the front desk", "the welfare desk"]

JA_SITUATION = [
    "{place}で手続きの説明を終えた後も、お客様の話が長く続きます。",
    "お客様は回答に納得せず、同じ要求を何度も繰り返しています。",
    "職員が用件を確認しても、話は市の業務と関係のない方向に進みます。",
    "ほかのお客様が待っていることを伝えても、お客様は席を立ちません。",
    "お客様の声が次第に大きくなり、周囲の方も不安そうにしています。",
    "お客様は担当職員の名前を何度も尋ね、責任者を出すよう求めています。",
    "前回の対応への不満から、お客様は謝罪文を書くよう求めています。",
    "通話はすでに40分を超え、ほかの電話が保留のまま待っています。",
    "お客様は職員の対応を撮影し、インターネットに載せると話しています。",
    "お客様は以前にも同じ内容で来庁し、そのたびに説明を受けています。",
    "お客様は「責任者を出せ」と何度も繰り返しています。",
]
EN_SITUATION = [
    "The explanation at {place} is finished, but the customer keeps talking.",
    "The customer does not accept the answer and repeats the same demand.",
    "When staff ask what the customer needs, the talk drifts away from City business.",
    "Staff say that others are waiting, but the customer does not leave.",
    "The customer's voice grows louder, and other people nearby look worried.",
    "The customer keeps asking for the staff member's name and demands a manager.",
    "Unhappy with an earlier visit, the customer demands a written apology.",
    "The call has lasted over 40 minutes, and other callers are on hold.",
    "The customer films the staff member and says the video will go online.",
    "The customer has raised the same matter before and was answered each time.",
    "The customer keeps repeating 「責任者を出せ」 (\"get me your manager\").",
]

JA_POINTS = [
    "当初の用件については、すでに説明を終えています。",
    "要求の内容は市の業務と関係がなく、応じる必要はありません。",
    "{emphasis}かどうかを、手段や態様から判断します。",
    "お客様に悪意がない場合でも、職員を長時間拘束しています。",
    "ほかのお客様への対応が妨げられ、市民サービス全体に影響しています。",
    "言葉づかいや態度が、社会通念上相当な範囲を超えています。",
    "同じ説明を繰り返しても、状況は変わらないと考えられます。",
    "職員の{ruby}を傷つける言葉が含まれています。",
]
EN_POINTS = [
    "The original question has already been answered.",
    "The demand has nothing to do with City business, so staff need not act on it.",
    "Judge whether {emphasis} from the way the demand is made.",
    "Even if the customer means no harm, staff are being held up.",
    "Other residents are kept waiting, and the service as a whole suffers.",
    "The words and manner go beyond what is reasonable.",
    "Repeating the same explanation is unlikely to change anything.",
    "Some words attack the {ruby} of the staff member.",
]
JA_EMPHASIS = ["**「社会通念上相当な範囲」**を超える", "**「業務と関係のない要求」**にあたる", "*「繰り返しの要求」*である"]
EN_EMPHASIS = ["it goes **beyond what is reasonable**", "it is **a demand unrelated to City business**", "it is *a repeated demand*"]
JA_RUBY = ["{尊厳|そんげん}", "{人格|じんかく}", "{名誉|めいよ}"]
EN_RUBY = ["dignity", "character", "good name"]

JA_STEPS = [
    "用件への回答が済んでいることを確認し、ほかにご用件がないかを尋ねます。",
    "ほかのお客様をお待たせしていることを伝え、終了する時刻を予告します。",
    "予告した時刻になったら、お礼を述べて対応を終えます。",
    "語気が強くなった場合は、一人で対応を続けず、周囲の職員に知らせます。",
    "複数の職員で対応し、一人はやり取りを記録します。",
    "必要に応じて**「録音しています」**と伝え、録音を始めます。",
    "身の危険を感じたら、ためらわずに110番に通報します。",
    "対応を終えたら、すぐに管理職に報告します。",
]
EN_STEPS = [
    "Confirm that the question has been answered, and ask whether there is anything else.",
    "Explain that other people are waiting, and say when you will finish.",
    "At that time, thank the customer and end the conversation.",
    "If the tone turns hostile, do not carry on alone: let a colleague know.",
    "Respond with two members of staff, one of whom keeps a record.",
    "If needed, say **\"this conversation is being recorded\"** and start recording.",
    "If you feel in danger, call the police on 110 without hesitation.",
    "When it is over, report to your manager straight away.",
]

JA_LEADS = ["用件を確認するとき", "終了を予告するとき", "対応を終えるとき", "要求に応じられないことを伝えるとき"]
EN_LEADS = ["Checking what the customer needs:", "Saying when you will finish:", "Ending the conversation:", "Saying that you cannot agree:"]
JA_WORDING = [
    "「先ほどご説明したとおりです。ほかに市の手続きでご用件はございますか。」",
    "「ほかにもお待ちの方がいらっしゃいますので、あと5分ほどで終了させていただきます。」",
    "「申し訳ありませんが、本日の対応はこれで終了させていただきます。」",
    "「そのご要望には、市としてお応えすることができません。」",
    "「大きな声を出されると、お話を続けることができません。」",
    "「この会話は、正確に記録するために録音しております。」",
]
EN_WORDING = [
    "\"As I explained earlier. Is there anything else about City services I can help with?\"",
    "\"Other people are waiting, so I will need to finish in about five minutes.\"",
    "\"I am sorry, but I have to end our conversation here for today.\"",
    "\"The City is not able to meet that request.\"",
    "\"I cannot continue while you are raising your voice.\"",
    "\"This conversation is being recorded so that we have an accurate record.\"",
]

JA_RECORDS = [
    "管理職に報告し、対応を引き継ぎます。",
    "日時と長さ、用件と回答の内容を記録します。",
    "録音がある場合は、確認が必要な箇所の時刻を書いておきます。",
    "同じお客様から繰り返し連絡がある場合は、課内で対応を共有します。",
    "職員が心身の不調を感じたら、相談窓口を案内します。",
]
EN_RECORDS = [
    "Report to your manager and hand the matter over.",
    "Record the date and length, the request and the answer given.",
    "If there is a recording, note the times of the parts to be reviewed.",
    "If the same customer keeps making contact, share the approach within the section.",
    "If a member of staff feels unwell afterwards, point them to the support service.",
]

JA_TABLE = ("| 項目 | 目安 |", [("通話の時間", "30分で予告、60分で終了"), ("来庁の回数", "同じ用件は3回まで"), ("対応する職員", "2人以上"), ("記録", "当日中に作成")])
EN_TABLE = ("| Item | Guide |", [("Length of a call", "notice at 30 minutes, end by 60"), ("Visits", "three for the same matter"), ("Staff present", "two or more"), ("Record", "written the same day")])


def category_ids(count):
    return [f"category-{index:02d}" for index in range(1, count + 1)]


def slugs(count):
    return [f"case-{index:03d}" for index in range(1, count + 1)]


def wrap_japanese(rng, sentences):
    """Joins sentences into one paragraph whose source lines break between Japanese characters (soft breaks)."""
    # A ruby group or an emphasis marker is never split, and no line starts or ends with a marker.
    atoms = re.findall(r"\{[^}]*\}|\*+|.", "".join(sentences))
    lines, line, width = [], [], rng.randint(18, 34)
    for atom in atoms:
        line.append(atom)
        if len(line) >= width and not atom.startswith("*"):
            lines.append("".join(line))
            line, width = [], rng.randint(18, 34)
    if line:
        lines.append("".join(line))
    return "\n".join(lines)


def wrap_english(sentences):
    words, lines, line = " ".join(sentences).split(" "), [], ""
    for word in words:
        if line and len(line) + len(word) > 70:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


class ExamplePlan:
    """The shape of one example, shared by its Japanese page and its translation."""

    def __init__(self, rng, categories, slug_list):
        self.situation = rng.sample(range(len(JA_SITUATION)), rng.randint(3, 5))
        self.place = rng.randrange(len(JA_PLACES))
        self.points = rng.sample(range(len(JA_POINTS)), rng.randint(3, 5))
        self.emphasis = rng.randrange(len(JA_EMPHASIS))
        self.ruby = rng.randrange(len(JA_RUBY))
        self.table_rows = rng.randint(2, 4)
        self.steps = rng.sample(range(len(JA_STEPS)), rng.randint(4, 6))
        self.wording = [(rng.randrange(len(JA_LEADS)), rng.randrange(len(JA_WORDING))) for _ in range(rng.randint(2, 3))]
        self.records = rng.sample(range(len(JA_RECORDS)), rng.randint(2, 4))
        self.link = (rng.choice(categories), rng.choice(slug_list))
        self.channels = rng.sample(["phone", "counter", "email", "online"], rng.randint(1, 2))
        self.wrap_seed = rng.randrange(1 << 30)


def example_body(plan, language):
    ja = language == "ja"
    rng = random.Random(plan.wrap_seed)
    place = (JA_PLACES if ja else EN_PLACES)[plan.place]
    emphasis = (JA_EMPHASIS if ja else EN_EMPHASIS)[plan.emphasis]
    ruby = (JA_RUBY if ja else EN_RUBY)[plan.ruby]

    def fill(text):
        return text.format(place=place, emphasis=emphasis, ruby=ruby)

    heading = {section_id: (ja_heading if ja else en_heading) for section_id, ja_heading, en_heading, _ in SECTIONS}
    situation = [fill((JA_SITUATION if ja else EN_SITUATION)[i]) for i in plan.situation]
    out = [f"## {heading['situation']}", "", wrap_japanese(rng, situation) if ja else wrap_english(situation), ""]
    out += [f"## {heading['judgement']}", ""]
    out += [f"- {fill((JA_POINTS if ja else EN_POINTS)[i])}" for i in plan.points]
    header, rows = JA_TABLE if ja else EN_TABLE
    out += ["", header, "| --- | --- |"] + [f"| {item} | {guide} |" for item, guide in rows[:plan.table_rows]] + [""]
    out += [f"## {heading['steps']}", ""]
    out += [f"{number}. {(JA_STEPS if ja else EN_STEPS)[i]}" for number, i in enumerate(plan.steps, start=1)]
    out += ["", f"## {heading['wording']}", ""]
    for lead, wording in plan.wording:
        out += [(JA_LEADS if ja else EN_LEADS)[lead], "", f"> {(JA_WORDING if ja else EN_WORDING)[wording]}", ""]
    out += [f"## {heading['escalation']}", ""]
    out += [f"- {(JA_RECORDS if ja else EN_RECORDS)[i]}" for i in plan.records]
    category, slug = plan.link
    link = f"[関連する対応例](/examples/{category}/{slug}.md)も確認してください。" if ja else f"See also [a related example](/examples/{category}/{slug}.md)."
    out += ["", link]
    return "\n".join(out) + "\n"


def page(front_matter, body):
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in front_matter) + "---\n" + body


def source_hash(body):
    """As Harigami computes it: the first 16 hex characters of the SHA-256 of the body after the front matter."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def yaml_text(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def site_yml():
    lines = [
        "languages: [ja, en]",
        'base-url: "https://www.city-bench.example/kasuhara/"',
        "allow-html: false",
        "title:", "  ja: ベンチマーク市 カスタマーハラスメント対策", "  en: Bench City customer harassment policy",
        "organisation:", "  ja: ベンチマーク市", "  en: Bench City",
        "description:", "  ja: ベンチマーク市のカスタマーハラスメントに対する基本方針と対応例です。",
        "  en: Bench City's policy on customer harassment, with examples of how staff respond.",
        "contact:", "  department:", "    ja: 総務課", "    en: General Affairs Section",
        '  phone: "000-000-0000"', '  email: "soumu@city-bench.example"',
        "  hours:", "    ja: 平日 午前9時から午後5時まで", "    en: Weekdays, 9 am to 5 pm",
        "example-sections:",
    ]
    for section_id, ja_heading, en_heading, wording in SECTIONS:
        lines.append(f"  - id: {section_id}")
        if wording:
            lines.append("    wording: true")
        lines += [f"    ja: {ja_heading}", f"    en: {en_heading}"]
    return "\n".join(lines) + "\n"


def categories_yml(ids):
    lines = []
    for number, category in enumerate(ids, start=1):
        lines += [
            f"- id: {category}",
            "  ja:", f"    name: 類型{number}", f"    summary: 類型{number}にあたる行為の対応例です。", f"    poster-label: 類型{number}",
            "  en:", f"    name: Type {number}", f"    summary: Examples of how staff respond to type {number}.", f"    poster-label: Type {number}",
        ]
    return "\n".join(lines) + "\n"


NOTICE_JA = """本市には、窓口や電話、メールなどを通じて、毎日多くのご意見が寄せられています。
こうした声は、市政をよりよくするための大切な手がかりです。

## 本市の対応

カスタマーハラスメントにあたると判断した場合、本市は**「組織として」**対応します。

- 複数の職員で対応します。
- 行為をやめていただくよう警告します。
- 悪質な場合は、警察に通報します。

詳しくは[対応ガイドライン](/guideline.md)をご覧ください。
"""
NOTICE_EN = """Every day the City hears from many residents at the counter, on the phone and by email.
What they tell us helps us improve our services.

## How the City responds

When behaviour amounts to customer harassment, the City responds **as an organisation**.

- Two or more members of staff deal with it.
- We ask the person to stop.
- In serious cases, we call the police.

For details, see the [staff guideline](/guideline.md).
"""
GUIDELINE_JA = """## 基本的な考え方

職員を一人にせず、組織として対応します。
判断に迷ったときは、管理職に相談します。

| 場面 | 最初に連絡する相手 |
| --- | --- |
| 窓口 | 係長 |
| 電話 | 課長 |

::: warning
身の危険を感じたら、ためらわずに110番に通報してください。
:::
"""
GUIDELINE_EN = """## Our approach

No member of staff is left to deal with it alone.
When in doubt, ask your manager.

| Where | Who to tell first |
| --- | --- |
| Counter | Team leader |
| Phone | Section head |

::: warning
If you feel in danger, call the police on 110 without hesitation.
:::
"""


def write(root, relative, text):
    path = os.path.join(root, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def generate(root, examples, categories, seed=9):
    """Writes the tree under `root`; returns the relative paths of every Markdown page, Japanese first."""
    rng = random.Random(seed)
    ids = category_ids(categories)
    per_category = -(-examples // categories)
    slug_list = slugs(per_category)
    write(root, "site.yml", site_yml())
    write(root, "categories.yml", categories_yml(ids))
    pages = []

    def add_pair(relative_stem, ja_front, ja_body, en_front, en_body):
        write(root, f"{relative_stem}.ja.md", page(ja_front, ja_body))
        write(root, f"{relative_stem}.en.md", page(en_front + [("source-hash", source_hash(ja_body))], en_body))
        pages.extend([f"{relative_stem}.ja.md", f"{relative_stem}.en.md"])

    add_pair("notice", [("title", "カスタマーハラスメントに対する基本方針"), ("summary", "本市の基本方針です。")], NOTICE_JA,
             [("title", "Our policy on customer harassment"), ("summary", "The City's basic policy.")], NOTICE_EN)
    add_pair("guideline", [("title", "職員向け対応ガイドライン"), ("summary", "組織として対応するための指針です。")], GUIDELINE_JA,
             [("title", "Staff guideline"), ("summary", "How staff respond as an organisation.")], GUIDELINE_EN)
    for index in range(examples):
        category = ids[index % categories]
        slug = slug_list[index // categories]
        plan = ExamplePlan(rng, ids[: min(categories, examples)], slug_list[: max(1, examples // categories)])
        channels = "[" + ", ".join(plan.channels) + "]"
        add_pair(f"examples/{category}/{slug}",
                 [("title", f"類型{index % categories + 1}の対応例{index // categories + 1}"),
                  ("summary", "窓口や電話で、説明を終えた後も要求が続く場合の対応例です。"), ("channels", channels), ("updated", "2026-10-01")],
                 example_body(plan, "ja"),
                 [("title", f"Type {index % categories + 1}, example {index // categories + 1}"),
                  ("summary", yaml_text("What to do when demands continue after the matter has been dealt with.")),
                  ("channels", channels), ("updated", "2026-10-01")],
                 example_body(plan, "en"))
    return pages


def bodies(root, pages):
    """The Markdown body (after the front matter) of each page, as Harigami renders it."""
    result = []
    for relative in pages:
        with open(os.path.join(root, relative), encoding="utf-8") as handle:
            text = handle.read()
        closing = text.index("\n---\n", 3)
        result.append((relative, text[closing + len("\n---\n"):]))
    return result
