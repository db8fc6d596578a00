#!/usr/bin/env python3
"""Writes sample/pages.warc.gz and sample/pages.truth.jsonl (Python 3 standard library only).

A small WARC of HTML pages that may be shipped: the markup is written for ghirbal in imitation
of what Arabic sites commonly serve (WordPress news themes, Blogger, forum software, listing
pages, legacy windows-1256 sites); the main text of the Arabic pages comes from the ANT corpus
(sample/ant-corpus-300.jsonl.zst, Apache-2.0), the Persian text from the OSCAR-2019 excerpts
(sample/oscar2019-dummy.jsonl.zst, CC0), the English article and everything around the main
text (menus, widgets, comments, footers) is written for ghirbal. Sites, people and addresses
are invented (the .example domain, documentation IP addresses).

  python3 sample/make_pages_warc.py        # needs the `zstd` command to read the two inputs

The output is deterministic: fixed dates, record ids derived from the URL (uuid5), gzip members
with mtime 0. Layout, as Common Crawl writes it: WARC/1.1, one gzip member per record; one
`warcinfo` record, then per page a `request` and a `response` record, then the extras: a
`metadata` record, a 404 response, an image/png response and a `revisit` record.

pages.truth.json is a JSON array, one object per line, for every response record and the
metadata and revisit records (not .jsonl: `ghirbal run sample/` would read a .jsonl file as input):
  {"url", "record_id" (without the angle brackets, as ghirbal's document id),
   "warc_type", "expected": "document" | "skipped:<reason>",
   "main_text": main-content paragraphs, one per line (documents only; no title), "title", "lang",
   "charset" (the bytes' real encoding), "charset_declared_in": "http+meta" | "http" | "meta",
   "source", "notes" (what main_text leaves out)}
Skip reasons as ghirbal's WARC reader names them: http_status, not_html, metadata, revisit.
After writing, the script reads the WARC back gzip member by member and checks every record
(WARC/1.1, exact Content-Length, digests, HTTP Content-Length, truth ids) before it reports.
"""
import base64
import gzip
import hashlib
import html
import json
import os
import re
import struct
import subprocess
import sys
import urllib.parse
import uuid
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_WARC = os.path.join(HERE, "pages.warc.gz")
OUT_TRUTH = os.path.join(HERE, "pages.truth.json")
ANT = os.path.join(HERE, "ant-corpus-300.jsonl.zst")
OSCAR = os.path.join(HERE, "oscar2019-dummy.jsonl.zst")

ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "ghirbal:sample/pages.warc.gz")
CRAWL_DAY = "2024-09-15"
HTTP_DAY = "Sun, 15 Sep 2024"


# ---------------------------------------------------------------------------------------------
# inputs
# ---------------------------------------------------------------------------------------------

def read_zst_jsonl(path):
    data = subprocess.run(["zstd", "-dc", path], check=True, capture_output=True).stdout
    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]


_ANT = None
_OSCAR = None


def ant(record_id):
    global _ANT
    if _ANT is None:
        _ANT = {r["id"]: r for r in read_zst_jsonl(ANT)}
    return _ANT[record_id]


def oscar(record_id):
    global _OSCAR
    if _OSCAR is None:
        _OSCAR = {r["id"]: r for r in read_zst_jsonl(OSCAR)}
    return _OSCAR[record_id]


SENTENCE_END = re.compile(r"[.!?\u061f]+[\"\u201d\u00bb)]?\s+")


def sentences(line):
    out, start = [], 0
    for m in SENTENCE_END.finditer(line):
        out.append(line[start:m.end()].strip())
        start = m.end()
    if line[start:].strip():
        out.append(line[start:].strip())
    return out


def paragraphs(text, min_words=35):
    """Paragraphs of a crawled text: its own line breaks, and long lines split at sentence ends
    into paragraphs of at least `min_words` words (a short tail joins the paragraph before)."""
    paras = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if not line:
            continue
        cur, n, mine = [], 0, []
        for s in sentences(line):
            cur.append(s)
            n += len(s.split())
            if n >= min_words:
                mine.append(" ".join(cur))
                cur, n = [], 0
        if cur:
            if mine and n < 15:
                mine[-1] += " " + " ".join(cur)
            else:
                mine.append(" ".join(cur))
        paras.extend(mine)
    return paras


def words(paras):
    return sum(len(p.split()) for p in paras)


# ---------------------------------------------------------------------------------------------
# HTML helpers
# ---------------------------------------------------------------------------------------------

def e(s):
    """Text escaped for element content."""
    return html.escape(s, quote=False)


def a(s):
    """Text escaped for an attribute value."""
    return html.escape(s, quote=True)


def slug(s, maxlen=60):
    """A WordPress-style percent-encoded Arabic slug."""
    s = re.sub(r"[^\w\s-]", "", s)
    s = re.sub(r"\s+", "-", s.strip())[:maxlen].strip("-")
    return urllib.parse.quote(s.lower(), safe="-")


def ps(paras, indent=""):
    return "\n".join(f"{indent}<p>{e(p)}</p>" for p in paras)


# ---------------------------------------------------------------------------------------------
# pages
# ---------------------------------------------------------------------------------------------

def page_wordpress():
    """A WordPress news article in a Jannah-like theme."""
    src = ant("JA-culture-32-20170126")
    site = "https://sada-almadina.example"
    title = src["title"]
    url = f"{site}/2017/01/26/{slug(title)}/"
    body = paragraphs(src["text"])
    first, rest = body[:3], body[3:]
    author = "سلمى الحداد"
    related = [
        ("معرض تونس الدولي للكتاب يكشف عن برنامج دورته الجديدة", "2017/01/20/book-fair-program"),
        ("ترجمة رواية تونسية إلى الإيطالية بعد عشرين عاماً على صدورها", "2017/01/18/novel-italian"),
        ("بيت الشعر بالقيروان يحتفي بالشعراء الشبان", "2017/01/11/kairouan-poetry-house"),
    ]
    most_read = [
        ("مهرجان قرطاج: الكشف عن أسعار التذاكر ونقاط البيع", "2017/01/25/carthage-tickets"),
        ("طقس الخميس: أمطار متفرقة وانخفاض في درجات الحرارة", "2017/01/26/weather-thursday"),
        ("وزارة التربية تعلن رزنامة العطل المدرسية", "2017/01/24/school-holidays"),
        ("افتتاح قاعة سينما جديدة في صفاقس", "2017/01/23/sfax-cinema"),
        ("أسعار الخضر والغلال في سوق الجملة", "2017/01/22/market-prices"),
    ]
    menu = [("الرئيسية", "/"), ("أخبار وطنية", "/category/national/"), ("عربي ودولي", "/category/world/"),
            ("اقتصاد", "/category/economy/"), ("ثقافة", "/category/culture/"), ("رياضة", "/category/sport/"),
            ("منوعات", "/category/diverse/"), ("فيديو", "/category/video/")]
    tags = ["أبو القاسم الشابي", "ترجمة", "إسبانيا", "شعر", "رضا مامي"]
    published = "2017-01-26T09:40:00+01:00"
    jsonld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": title,
        "description": body[0][:150],
        "datePublished": published,
        "dateModified": "2017-01-26T10:05:00+01:00",
        "author": {"@type": "Person", "name": author, "url": f"{site}/author/salma/"},
        "publisher": {"@type": "Organization", "name": "صدى المدينة",
                      "logo": {"@type": "ImageObject", "url": f"{site}/wp-content/uploads/2016/05/logo.png"}},
        "image": {"@type": "ImageObject", "url": f"{site}/wp-content/uploads/2017/01/chebbi-780x470.jpg",
                  "width": 780, "height": 470},
        "articleSection": "ثقافة",
        "keywords": ",".join(tags),
        "inLanguage": "ar",
    }
    menu_html = "".join(
        f'<li id="menu-item-{10 + i}" class="menu-item menu-item-type-taxonomy menu-item-object-category'
        f'{" tie-current-menu" if name == "ثقافة" else ""} menu-item-{10 + i}"><a href="{site}{href}">{e(name)}</a></li>'
        for i, (name, href) in enumerate(menu))
    breaking = "".join(f'<li class="news-item"><a href="{site}/{h}/">{e(t)}</a></li>' for t, h in most_read[:3])
    read_also = "".join(f'<li><a href="{site}/{h}/">{e(t)}</a></li>' for t, h in related)
    related_html = "".join(
        f'<div class="related-item tie-standard"><a aria-label="{a(t)}" href="{site}/{h}/" class="post-thumb">'
        f'<img width="390" height="220" src="{site}/wp-content/uploads/2017/01/r{i}-390x220.jpg" '
        f'class="attachment-jannah-image-large size-jannah-image-large wp-post-image" alt="" loading="lazy" /></a>'
        f'<h3 class="post-title"><a href="{site}/{h}/">{e(t)}</a></h3><div class="post-meta clearfix">'
        f'<span class="date meta-item tie-icon">{18 + i} جانفي 2017</span></div></div>\n'
        for i, (t, h) in enumerate(related))
    most_read_html = "".join(
        f'<li class="widget-single-post-item widget-post-list tie-standard"><div class="post-widget-thumbnail">'
        f'<a aria-label="{a(t)}" href="{site}/{h}/" class="post-thumb"><img width="220" height="150" '
        f'src="{site}/wp-content/uploads/2017/01/m{i}-220x150.jpg" class="attachment-jannah-image-small '
        f'size-jannah-image-small tie-small-image wp-post-image" alt="" loading="lazy" /></a></div>'
        f'<div class="post-widget-body "><a class="post-title the-subtitle" href="{site}/{h}/">{e(t)}</a>'
        f'<div class="post-meta"><span class="date meta-item tie-icon">منذ {i + 1} أيام</span></div></div></li>\n'
        for i, (t, h) in enumerate(most_read))
    tags_html = "".join(f'<a href="{site}/tag/{slug(t)}/">{e(t)}</a>' for t in tags)
    share = "".join(
        f'<a href="{href}" rel="external noopener nofollow" title="{a(name)}" target="_blank" '
        f'class="{cls}-share-btn equal-width" data-raw="{a(href)}"><span class="share-btn-icon tie-icon-{cls}">'
        f'</span> <span class="social-text">{e(name)}</span></a>'
        for name, cls, href in [
            ("فيسبوك", "facebook", f"https://www.facebook.com/sharer.php?u={url}"),
            ("تويتر", "twitter", f"https://twitter.com/intent/tweet?text={slug(title)}&url={url}"),
            ("واتساب", "whatsapp", f"https://api.whatsapp.com/send?text={slug(title)}%20{url}"),
            ("تيلقرام", "telegram", f"https://telegram.me/share/url?url={url}"),
            ("طباعة", "print", "#"),
        ])
    comments = [
        ("101", "أنيس بن عمر", "2017-01-26T11:12:00+01:00", "26 جانفي 2017 في 11:12 ص",
         "خبر يثلج الصدر، الشابي يستحق أن يقرأ بكل لغات العالم. شكراً للأستاذ على هذا المجهود الكبير."),
        ("102", "مريم", "2017-01-26T13:47:00+01:00", "26 جانفي 2017 في 1:47 م",
         "هل توجد نسخة من الكتاب في مكتبات تونس؟ وأين يمكن اقتناؤها؟"),
    ]
    comments_html = "".join(
        f'<li id="comment-{cid}" class="comment {"even thread-even" if i == 0 else "odd alt thread-odd thread-alt"} depth-1">'
        f'<article id="div-comment-{cid}" class="comment-body"><div class="comment-author vcard">'
        f"<img alt='' src='https://secure.gravatar.example/avatar/{hashlib.md5(name.encode()).hexdigest()}?s=65&#038;d=mm&#038;r=g' "
        f"class='avatar avatar-65 photo' height='65' width='65' loading='lazy'/>"
        f'<div class="author-date-wrapper"><b class="fn">{e(name)}</b><div class="comment-metadata">'
        f'<a href="{url}#comment-{cid}"><time datetime="{iso}">{e(shown)}</time></a></div></div></div>'
        f'<div class="comment-content entry clearfix"><p>{e(text)}</p>\n</div><div class="reply">'
        f"<a rel='nofollow' class='comment-reply-link' href='{url}?replytocom={cid}#respond' data-commentid=\"{cid}\" "
        f"data-postid=\"48213\" data-belowelement=\"div-comment-{cid}\" data-respondelement=\"respond\" "
        f"aria-label='الرد على {a(name)}'>رد</a></div></article></li>\n"
        for i, (cid, name, iso, shown, text) in enumerate(comments))

    doc = f"""<!DOCTYPE html>
<html dir="rtl" lang="ar" data-skin="light">
<head>
<meta charset="UTF-8" />
<link rel="profile" href="https://gmpg.org/xfn/11" />
<meta http-equiv='x-dns-prefetch-control' content='on'>
<link rel='dns-prefetch' href='//fonts.googleapis.com' />
<title>{e(title)} &#8211; صدى المدينة</title>
<meta name="description" content="{a(body[0][:155])}" />
<meta name="robots" content="index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1" />
<link rel="canonical" href="{url}" />
<meta property="og:locale" content="ar_AR" />
<meta property="og:type" content="article" />
<meta property="og:title" content="{a(title)}" />
<meta property="og:description" content="{a(body[0][:155])}" />
<meta property="og:url" content="{url}" />
<meta property="og:site_name" content="صدى المدينة" />
<meta property="article:section" content="ثقافة" />
<meta property="article:published_time" content="{published}" />
<meta property="og:image" content="{site}/wp-content/uploads/2017/01/chebbi-780x470.jpg" />
<meta name="twitter:card" content="summary_large_image" />
<script type="application/ld+json">{json.dumps(jsonld, ensure_ascii=False)}</script>
<link rel='stylesheet' id='wp-block-library-rtl-css' href='{site}/wp-includes/css/dist/block-library/style-rtl.min.css?ver=5.9.3' type='text/css' media='all' />
<link rel='stylesheet' id='tie-css-base-css' href='{site}/wp-content/themes/jannah/assets/css/base.min.css?ver=5.4.10' type='text/css' media='all' />
<link rel='stylesheet' id='tie-css-single-css' href='{site}/wp-content/themes/jannah/assets/css/single.min.css?ver=5.4.10' type='text/css' media='all' />
<style id='tie-css-styles-inline-css' type='text/css'>
body{{font-family: 'Noto Kufi Arabic';}}.brand-title,a:hover,.tie-popup-search-submit,#logo.text-logo a,.theme-header nav .components #search-submit:hover{{color: #b2232a;}}
#breadcrumb a + a:before{{content: "/"; padding: 0 6px;}}
</style>
<script type='text/javascript' src='{site}/wp-includes/js/jquery/jquery.min.js?ver=3.6.0' id='jquery-core-js'></script>
<link rel="https://api.w.org/" href="{site}/wp-json/" /><link rel="alternate" type="application/json" href="{site}/wp-json/wp/v2/posts/48213" />
<link rel='shortlink' href='{site}/?p=48213' />
<script async src="https://pagead2.googlesyndication.example/pagead/js/adsbygoogle.js?client=ca-pub-0000000000000000" crossorigin="anonymous"></script>
</head>
<body id="tie-body" class="rtl post-template-default single single-post postid-48213 single-format-standard wrapper-has-shadow block-head-1 magazine1 is-desktop is-header-layout-3 sidebar-left has-sidebar post-layout-1 narrow-title-narrow-media has-mobile-share">
<div class="background-overlay">
<div id="tie-container" class="site tie-container">
<div id="tie-wrapper">
<header id="theme-header" class="theme-header header-layout-3 main-nav-dark main-nav-default-dark main-nav-below no-stream-item top-nav-active top-nav-light top-nav-above has-shadow has-normal-width-logo mobile-header-default">
<nav id="top-nav" class="has-date-breaking-components top-nav header-nav has-breaking-news" aria-label="الشريط العلوي">
<div class="container"><div class="topbar-wrapper">
<div class="topbar-today-date tie-icon">الخميس 26 جانفي 2017</div>
<div class="tie-alignright"><div class="breaking controls-is-active"><span class="breaking-title"><span class="tie-icon-bolt breaking-icon" aria-hidden="true"></span><span class="breaking-title-text">عاجل</span></span>
<ul id="breaking-news-in-header" class="breaking-news" data-type="reveal">{breaking}</ul></div></div>
<div class="tie-alignleft"><ul class="components"><li class="social-icons-item"><a class="social-link facebook-social-icon" rel="external noopener nofollow" target="_blank" href="https://www.facebook.example/sadaalmadina"><span class="tie-social-icon tie-icon-facebook"></span><span class="screen-reader-text">فيسبوك</span></a></li><li class="social-icons-item"><a class="social-link twitter-social-icon" rel="external noopener nofollow" target="_blank" href="https://twitter.example/sadaalmadina"><span class="tie-social-icon tie-icon-twitter"></span><span class="screen-reader-text">تويتر</span></a></li><li class="social-icons-item"><a class="social-link youtube-social-icon" rel="external noopener nofollow" target="_blank" href="https://www.youtube.example/c/sadaalmadina"><span class="tie-social-icon tie-icon-youtube"></span><span class="screen-reader-text">يوتيوب</span></a></li></ul></div>
</div></div>
</nav>
<div class="container header-container"><div class="tie-row logo-row"><div class="logo-wrapper"><div class="tie-col-md-4 logo-container clearfix">
<div id="logo" class="image-logo"><a title="صدى المدينة" href="{site}/"><picture class="tie-logo-default tie-logo-picture"><img class="tie-logo-img-default tie-logo-img" src="{site}/wp-content/uploads/2016/05/logo.png" alt="صدى المدينة" width="300" height="49" /></picture></a></div>
</div></div>
<div class="tie-col-md-8 stream-item stream-item-top-wrapper"><div class="stream-item-top"><a href="{site}/go/ad-header" title="" target="_blank"><img src="{site}/wp-content/uploads/2016/11/banner-728x90.jpg" alt="" width="728" height="90" /></a></div></div>
</div></div>
<div class="main-nav-wrapper"><nav id="main-nav" data-skin="search-in-main-nav" class="main-nav header-nav live-search-parent" aria-label="القائمة الرئيسية"><div class="container"><div class="main-menu-wrapper">
<div id="menu-components-wrap"><div class="main-menu main-menu-wrap tie-alignleft"><div id="main-nav-menu" class="main-menu header-menu"><ul id="menu-main" class="menu" role="menubar">{menu_html}</ul></div></div>
<ul class="components"><li class="search-compact-icon menu-item custom-menu-link"><a href="#" class="tie-search-trigger"><span class="tie-icon-search tie-search-icon" aria-hidden="true"></span><span class="screen-reader-text">بحث عن</span></a></li></ul>
</div></div></div></nav></div>
</header>
<div id="content" class="site-content container"><div id="main-content-row" class="tie-row main-content-row">
<div class="main-content tie-col-md-8 tie-col-xs-12" role="main">
<article id="the-post" class="container-wrapper post-content tie-standard">
<header class="entry-header-outer">
<nav id="breadcrumb"><a href="{site}/"><span class="tie-icon-home" aria-hidden="true"></span>الرئيسية</a><a href="{site}/category/culture/">ثقافة</a><a href="{site}/category/culture/books/">كتب وإصدارات</a><span class="current">{e(title)}</span></nav>
<script type="application/ld+json">{{"@context":"http:\\/\\/schema.org","@type":"BreadcrumbList","@id":"#Breadcrumb","itemListElement":[{{"@type":"ListItem","position":1,"item":{{"name":"الرئيسية","@id":"{site}\\/"}}}},{{"@type":"ListItem","position":2,"item":{{"name":"ثقافة","@id":"{site}\\/category\\/culture\\/"}}}}]}}</script>
<div class="entry-header">
<span class="post-cat-wrap"><a class="post-cat tie-cat-5" href="{site}/category/culture/">ثقافة</a></span>
<h1 class="post-title entry-title">{e(title)}</h1>
<div id="single-post-meta" class="post-meta clearfix"><span class="author-meta single-author with-avatars"><span class="meta-item meta-author-wrapper meta-author-3"><span class="meta-author-avatar"><a href="{site}/author/salma/"><img alt='صورة {a(author)}' src='{site}/wp-content/uploads/2016/06/salma-140x140.jpg' class='avatar avatar-140 photo' height='140' width='140' loading='lazy'/></a></span><span class="meta-author"><a href="{site}/author/salma/" class="author-name tie-icon" title="{a(author)}">{e(author)}</a></span></span></span><span class="date meta-item tie-icon">26 جانفي 2017</span><div class="tie-alignright"><span class="meta-comment tie-icon meta-item fa-before">2</span><span class="meta-views meta-item "><span class="tie-icon-fire" aria-hidden="true"></span> 1٬204 </span><span class="meta-reading-time meta-item"><span class="tie-icon-bookmark" aria-hidden="true"></span> 3 دقائق</span></div></div>
</div>
</header>
<div class="featured-area"><div class="featured-area-inner"><figure class="single-featured-image"><img width="780" height="470" src="{site}/wp-content/uploads/2017/01/chebbi-780x470.jpg" class="attachment-jannah-image-post size-jannah-image-post wp-post-image" alt="" data-main-img="1" /><figcaption class="single-caption-text"><span class="tie-icon-camera" aria-hidden="true"></span> غلاف الطبعة الإسبانية من مختارات الشابي</figcaption></figure></div></div>
<div class="entry-content entry clearfix">
<div class="stream-item stream-item-above-post-content"><div class="stream-item-size"><ins class="adsbygoogle" style="display:block; text-align:center;" data-ad-layout="in-article" data-ad-format="fluid" data-ad-client="ca-pub-0000000000000000" data-ad-slot="1234567890"></ins>
<script>(adsbygoogle = window.adsbygoogle || []).push({{}});</script></div></div>
{ps(first)}
<div class="read-also"><h4>اقرأ أيضاً</h4><ul>{read_also}</ul></div>
{ps(rest)}
<div class="post-bottom-meta post-bottom-tags post-tags-modern"><div class="post-bottom-meta-title"><span class="tie-icon-tags" aria-hidden="true"></span> الوسوم</div><span class="tagcloud">{tags_html}</span></div>
</div>
<div id="post-extra-info"><div class="theiaStickySidebar"><div id="single-post-meta" class="post-meta clearfix"><span class="date meta-item tie-icon">26 جانفي 2017</span></div></div></div>
<div class="clearfix"></div>
<script id="tie-schema-json" type="application/ld+json">{{"@context":"http:\\/\\/schema.org","@type":"Article","dateCreated":"{published}","headline":{json.dumps(title, ensure_ascii=False)}}}</script>
<div id="share-buttons-bottom" class="share-buttons share-buttons-bottom"><div class="share-links share-centered icons-text share-pill">{share}</div></div>
</article>
<div class="post-components">
<div class="about-author container-wrapper about-author-3"><div class="author-avatar"><a href="{site}/author/salma/"><img alt='صورة {a(author)}' src='{site}/wp-content/uploads/2016/06/salma-180x180.jpg' class='avatar avatar-180 photo' height='180' width='180' loading='lazy'/></a></div>
<div class="author-info"><h3 class="author-name"><a href="{site}/author/salma/">{e(author)}</a></h3><div class="author-bio">صحفية في القسم الثقافي، تكتب عن الكتاب والمسرح والسينما في تونس.</div><ul class="social-icons"></ul></div><div class="clearfix"></div></div>
<div id="related-posts" class="container-wrapper has-extra-post"><div class="mag-box-title the-global-title"><h3>مقالات ذات صلة</h3></div><div class="related-posts-list">
{related_html}</div></div>
<div id="comments" class="comments-area"><div id="comments-box" class="container-wrapper"><div class="block-head theme-notice"><h3 id="comments-title" class="the-global-title has-block-head-4">2 تعليقان</h3></div>
<ol class="comment-list">
{comments_html}</ol>
</div>
<div id="add-comment-block" class="container-wrapper"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title the-global-title has-block-head-4">اترك تعليقاً <small><a rel="nofollow" id="cancel-comment-reply-link" href="{url}#respond" style="display:none;">إلغاء الرد</a></small></h3>
<form action="{site}/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate><p class="comment-notes"><span id="email-notes">لن يتم نشر عنوان بريدك الإلكتروني.</span> <span class="required-field-message">الحقول الإلزامية مشار إليها بـ <span class="required">*</span></span></p><p class="comment-form-comment"><label for="comment">التعليق <span class="required">*</span></label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea></p><p class="comment-form-author"><label for="author">الاسم <span class="required">*</span></label> <input id="author" name="author" type="text" value="" size="30" maxlength="245" required /></p>
<p class="comment-form-email"><label for="email">البريد الإلكتروني <span class="required">*</span></label> <input id="email" name="email" type="email" value="" size="30" maxlength="100" aria-describedby="email-notes" required /></p>
<p class="comment-form-cookies-consent"><input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox" value="yes" /> <label for="wp-comment-cookies-consent">احفظ اسمي، بريدي الإلكتروني، والموقع الإلكتروني في هذا المتصفح لاستخدامها المرة المقبلة في تعليقي.</label></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="إرسال التعليق" /> <input type='hidden' name='comment_post_ID' value='48213' id='comment_post_ID' /><input type='hidden' name='comment_parent' id='comment_parent' value='0' /></p></form></div></div>
</div>
</div>
</div>
<aside class="sidebar tie-col-md-4 tie-col-xs-12 normal-side is-sticky" aria-label="القائمة الجانبية الرئيسية"><div class="theiaStickySidebar">
<div id="posts-list-widget-2" class="container-wrapper widget posts-list"><div class="widget-title the-global-title"><div class="the-subtitle">الأكثر قراءة<span class="widget-title-icon tie-icon"></span></div></div><div class="widget-posts-list-wrapper"><div class="widget-posts-list-container posts-list-counter"><ul class="posts-list-items widget-posts-wrapper">
{most_read_html}</ul></div></div><div class="clearfix"></div></div>
<div id="tie-newsletter-2" class="container-wrapper widget subscribe-widget"><div class="widget-inner-wrap"><span class="tie-icon-envelope newsletter-icon" aria-hidden="true"></span><div class="subscribe-widget-content"><h4>النشرة البريدية</h4><p>اشترك في النشرة البريدية ليصلك جديد الأخبار كل صباح.</p></div>
<div id="mc_embed_signup-2"><form action="#" method="post" id="mc-embedded-subscribe-form-2" name="mc-embedded-subscribe-form" class="subscribe-form validate" target="_blank" novalidate><div id="mc_embed_signup_scroll-2"><label class="screen-reader-text" for="mce-EMAIL-2">البريد الإلكتروني</label><input type="email" value="" id="mce-EMAIL-2" placeholder="البريد الإلكتروني" name="EMAIL" class="subscribe-input required email"><input type="submit" value="اشترك" name="subscribe" id="mc-embedded-subscribe" class="button subscribe-submit"></div></form></div></div><div class="clearfix"></div></div>
<div id="stream-item-widget-3" class="widget stream-item-widget widget-content-only"><div class="stream-item-widget-content"><a href="{site}/go/ad-side" target="_blank"><img class="widget-stream-image" src="{site}/wp-content/uploads/2016/11/ad-300x250.jpg" width="300" height="250" alt=""></a></div></div>
</div></aside>
</div></div>
<footer id="footer" class="site-footer dark-skin dark-widgetized-area">
<div id="footer-widgets-container"><div class="container"><div class="footer-widget-area "><div class="tie-row">
<div class="tie-col-md-4 normal-side"><div id="text-2" class="container-wrapper widget widget_text"><div class="widget-title the-global-title"><div class="the-subtitle">عن الموقع</div></div><div class="textwidget"><p>صدى المدينة موقع إخباري مستقل يهتم بالشأن الثقافي والاجتماعي في تونس والعالم العربي، ويحرره فريق من الصحفيين المتطوعين منذ سنة 2012.</p></div><div class="clearfix"></div></div></div>
<div class="tie-col-md-4 normal-side"><div id="nav_menu-3" class="container-wrapper widget widget_nav_menu"><div class="widget-title the-global-title"><div class="the-subtitle">أقسام</div></div><div class="menu-footer-container"><ul id="menu-footer-cats" class="menu"><li><a href="{site}/category/national/">أخبار وطنية</a></li><li><a href="{site}/category/culture/">ثقافة</a></li><li><a href="{site}/category/sport/">رياضة</a></li><li><a href="{site}/category/diverse/">منوعات</a></li></ul></div></div></div>
</div></div></div></div>
<div id="site-info" class="site-info site-info-layout-2"><div class="container"><div class="tie-row"><div class="tie-col-md-12">
<div class="copyright-text copyright-text-first">&copy; حقوق النشر 2017، جميع الحقوق محفوظة لموقع صدى المدينة</div>
<div class="footer-menu"><ul id="menu-footer" class="menu"><li><a href="{site}/about/">من نحن</a></li><li><a href="{site}/contact/">اتصل بنا</a></li><li><a href="{site}/privacy-policy/">سياسة الخصوصية</a></li><li><a href="{site}/advertise/">أعلن معنا</a></li></ul></div>
</div></div></div></div>
</footer>
<a id="go-to-top" class="go-to-top-button" href="#go-to-tie-body"><span class="tie-icon-angle-up"></span><span class="screen-reader-text">زر الذهاب إلى الأعلى</span></a>
</div>
</div>
</div>
<div id="cookie-notice" role="dialog" class="cookie-revoke-hidden cn-position-bottom" aria-label="Cookie Notice" style="background-color: rgba(50,50,58,1);"><div class="cookie-notice-container" style="color: #fff"><span id="cn-notice-text" class="cn-text-container">نستخدم ملفات تعريف الارتباط (الكوكيز) لضمان حصولك على أفضل تجربة على موقعنا. إذا واصلت استخدام هذا الموقع فسنفترض أنك موافق على ذلك.</span><span id="cn-notice-buttons" class="cn-buttons-container"><a href="#" id="cn-accept-cookie" data-cookie-set="accept" class="cn-set-cookie cn-button" aria-label="موافق">موافق</a><a href="{site}/privacy-policy/" target="_blank" id="cn-more-info" class="cn-more-info cn-button" aria-label="سياسة الخصوصية">سياسة الخصوصية</a></span></div></div>
<script type='text/javascript' id='tie-scripts-js-extra'>
/* <![CDATA[ */
var tie = {{"is_rtl":"1","ajaxurl":"https:\\/\\/sada-almadina.example\\/wp-admin\\/admin-ajax.php","is_taqyeem_active":"","is_sticky_video":"","mobile_menu_top":"","mobile_menu_active":"area","mobile_menu_parent":"","lightbox_all":"true","lightbox_gallery":"true","lightbox_skin":"dark","lightbox_thumb":"horizontal","lightbox_arrows":"true","is_singular":"1","autoload_posts":"","reading_indicator":"true","lazyload":"","select_share":"true","select_share_twitter":"","select_share_facebook":"","select_share_linkedin":"","select_share_email":"","facebook_app_id":"5303202981","twitter_username":"","responsive_tables":"true","ad_blocker_detector":"","sticky_behavior":"default","sticky_desktop":"true","sticky_mobile":"true","sticky_mobile_behavior":"default","ajax_loader":"<div class=\\"loader-overlay\\"><div class=\\"spinner-circle\\"><\\/div><\\/div>","type_to_search":"","lang_no_results":"\\u0644\\u0627 \\u062a\\u0648\\u062c\\u062f \\u0646\\u062a\\u0627\\u0626\\u062c","sticky_share_mobile":"true","sticky_share_post":""}};
/* ]]> */
</script>
<script type='text/javascript' src='{site}/wp-content/themes/jannah/assets/js/scripts.min.js?ver=5.4.10' id='tie-scripts-js'></script>
<script type='text/javascript' src='{site}/wp-includes/js/comment-reply.min.js?ver=5.9.3' id='comment-reply-js'></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){{dataLayer.push(arguments);}}
  gtag('js', new Date());
  gtag('config', 'G-XXXXXXXXXX');
  document.getElementById('cn-accept-cookie').addEventListener('click', function (e) {{ e.preventDefault(); document.cookie = 'cookie_notice_accepted=true; max-age=2592000; path=/'; document.getElementById('cookie-notice').style.display = 'none'; }});
</script>
</body>
</html>
"""
    return dict(
        url=url, html=doc, encoding="utf-8", http_content_type="text/html; charset=UTF-8",
        charset_declared_in="http+meta", title=title, lang="ar", main=body,
        server=[("Server", "LiteSpeed"), ("X-Powered-By", "PHP/7.4.33"),
                ("Link", f'<{site}/wp-json/>; rel="https://api.w.org/"')],
        source=f"ANT {src['id']} (Apache-2.0)",
        notes="WordPress (Jannah-like theme). main_text excludes the title, breadcrumb, image caption, "
              "the inline 'اقرأ أيضاً' block, tags, share buttons, author box, related posts, comments, "
              "sidebar, footer and cookie notice.",
    )


def page_english():
    """A short original English article (written for ghirbal) on a plain static-site template."""
    site = "https://desert-review.example"
    title = "Why old Arabic web pages still arrive in windows-1256"
    url = f"{site}/notes/2024/windows-1256/"
    body = [
        "Anyone who reads Arabic text from a web crawl meets windows-1256 sooner or later. It is the "
        "single-byte code page that Microsoft shipped for Arabic in the 1990s, and for about fifteen "
        "years it was the default for forums, news portals and personal home pages across the region.",
        "Most of those sites have since moved to UTF-8, but many pages were never rewritten. Archives of "
        "old forums, scanned newspaper issues turned into HTML and government pages that nobody has touched "
        "in a decade are still served with the bytes they were saved with.",
        "The trouble is that the declaration and the bytes do not always agree. Some servers send a "
        "charset in the HTTP header; others send only text/html and leave the decision to a meta tag near "
        "the top of the page. A few declare ISO-8859-1 while the page is plainly Arabic, because that was "
        "the server's default and nobody changed it.",
        "A careful reader therefore trusts the HTTP header first, then the meta tag, and only then guesses "
        "from the bytes themselves. Getting this wrong does not produce an error: it produces a page of "
        "accented Latin letters that looks like text to a program and like noise to a person.",
        "For a corpus builder the lesson is simple. Decode with care, keep a record of which declaration "
        "was used, and check a sample of the output by eye before training anything on it.",
    ]
    doc = f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{e(title)} | The Desert Review</title>
  <meta name="description" content="Why windows-1256 pages still turn up in Arabic web crawls, and how to decode them.">
  <meta name="author" content="Nadia Karam">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{a(title)}">
  <meta property="article:published_time" content="2024-03-04T08:00:00Z">
  <link rel="stylesheet" href="/assets/main.css">
  <link rel="alternate" type="application/rss+xml" title="The Desert Review" href="/feed.xml">
</head>
<body class="post">
  <a class="skip-link" href="#content">Skip to content</a>
  <header class="site-header">
    <div class="wrapper">
      <a class="site-title" rel="author" href="/">The Desert Review</a>
      <nav class="site-nav" aria-label="Main">
        <a class="page-link" href="/notes/">Notes</a><a class="page-link" href="/reviews/">Reviews</a><a class="page-link" href="/about/">About</a><a class="page-link" href="/feed.xml">RSS</a>
      </nav>
    </div>
  </header>
  <main id="content" class="page-content" aria-label="Content">
    <div class="wrapper">
      <article class="post h-entry" itemscope itemtype="http://schema.org/BlogPosting">
        <header class="post-header">
          <h1 class="post-title p-name" itemprop="name headline">{e(title)}</h1>
          <p class="post-meta"><time class="dt-published" datetime="2024-03-04T08:00:00+00:00" itemprop="datePublished">Mar 4, 2024</time> &middot; <span itemprop="author" itemscope itemtype="http://schema.org/Person"><span class="p-author h-card" itemprop="name">Nadia Karam</span></span> &middot; 3 min read</p>
        </header>
        <div class="post-content e-content" itemprop="articleBody">
{ps(body, "          ")}
        </div>
        <footer class="post-footer">
          <p class="post-tags">Tagged: <a href="/tags/encoding/">encoding</a>, <a href="/tags/arabic/">arabic</a>, <a href="/tags/crawling/">crawling</a></p>
          <nav class="post-nav"><a class="prev" href="/notes/2024/tashkeel/">&larr; Diacritics in search indexes</a><a class="next" href="/notes/2024/rtl-tables/">Right-to-left tables &rarr;</a></nav>
        </footer>
      </article>
    </div>
  </main>
  <footer class="site-footer h-card">
    <div class="wrapper">
      <p>&copy; 2024 Nadia Karam. Text on this site may be reused under CC BY 4.0.</p>
      <p><a href="/privacy/">Privacy</a> &middot; <a href="mailto:editor@desert-review.example">Contact</a></p>
    </div>
  </footer>
  <script src="/assets/theme-toggle.js" defer></script>
</body>
</html>
"""
    return dict(
        url=url, html=doc, encoding="utf-8", http_content_type="text/html; charset=utf-8",
        charset_declared_in="http+meta", title=title, lang="en", main=body,
        server=[("Server", "nginx"), ("Cache-Control", "max-age=600")],
        source="written for ghirbal",
        notes="Static-site (Jekyll-like) template. main_text excludes the title, byline, tags, post navigation and footer.",
    )


def page_blogger():
    """A Blogger post (classic layout: div.widget.Blog#Blog1, div.post-body with <br /> breaks)."""
    src = ant("JA-diverse-136-20170301")
    site = "https://nour-ilm.blogspot.example"
    title = src["title"]
    url = f"{site}/2017/03/blog-post.html"
    body = paragraphs(src["text"])
    blog_id, post_id = "4821937746523810094", "7315520098146655201"
    labels = [("علوم", 41), ("طاقة", 12), ("صحة", 24), ("تكنولوجيا", 33), ("فضاء", 9), ("بيئة", 15)]
    archive_march = [title, "الكشف عن كوكب شبيه بالأرض يدور حول نجم قريب", "لماذا نتثاءب؟ العلماء يجيبون",
                     "تطبيق يترجم لغة الإشارة إلى نص مكتوب"]
    lbl = lambda t: f"{site}/search/label/{urllib.parse.quote(t)}"
    labels_html = "".join(f"<li>\n<a dir='rtl' href='{lbl(t)}'>{e(t)}</a>\n<span dir='ltr'>({n})</span>\n</li>\n"
                          for t, n in labels)
    post_labels = ", ".join(f"<a href='{lbl(t)}' rel='tag'>{e(t)}</a>" for t in ("علوم", "طاقة"))
    archive_posts = "".join(f"<li><a href='{site}/2017/03/blog-post{'' if i == 0 else '_' + str(i)}.html'>{e(t)}</a></li>\n"
                            for i, t in enumerate(archive_march))
    months = [("فبراير", "02", 7), ("يناير", "01", 9)]
    archive_months = "".join(
        f"<li class='archivedate collapsed'>\n<a class='toggle' href='javascript:void(0)'>\n<span class='zippy'>\n"
        f"&#9658;&nbsp;\n</span>\n</a>\n<a class='post-count-link' href='{site}/2017/{m}/'>\n{e(name)}\n</a>\n"
        f"<span class='post-count' dir='ltr'>({n})</span>\n</li>\n" for name, m, n in months)
    # Blogger's editor writes paragraphs as text runs separated by <br /><br />.
    post_body = "<br />\n<br />\n".join(
        (f'<span style="font-family: &quot;tahoma&quot; , sans-serif;">{e(p)}</span>' if i % 2 else e(p))
        for i, p in enumerate(body))
    doc = f"""<!DOCTYPE html>
<html class='v2' dir='rtl' lang='ar' xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b' xmlns:data='http://www.google.com/2005/gml/data' xmlns:expr='http://www.google.com/2005/gml/expr'>
<head>
<link href='https://www.blogger.example/static/v1/widgets/2944754296-widget_css_bundle_rtl.css' rel='stylesheet' type='text/css'/>
<meta content='width=1100' name='viewport'/>
<meta content='text/html; charset=UTF-8' http-equiv='Content-Type'/>
<meta content='blogger' name='generator'/>
<link href='{site}/favicon.ico' rel='icon' type='image/x-icon'/>
<link href='{url}' rel='canonical'/>
<link rel="alternate" type="application/atom+xml" title="نور العلم - Atom" href="{site}/feeds/posts/default" />
<link rel="alternate" type="application/rss+xml" title="نور العلم - RSS" href="{site}/feeds/posts/default?alt=rss" />
<link rel="service.post" type="application/atom+xml" title="نور العلم - Atom" href="https://www.blogger.example/feeds/{blog_id}/posts/default" />
<link rel="alternate" type="application/atom+xml" title="نور العلم - Atom" href="{site}/feeds/{post_id}/comments/default" />
<link rel="me" href="https://www.blogger.example/profile/09182736450918273645" />
<meta content='{url}' property='og:url'/>
<meta content='{a(title)}' property='og:title'/>
<meta content='{a(body[0][:140])}' property='og:description'/>
<title>نور العلم: {e(title)}</title>
<style id='page-skin-1' type='text/css'><!--
/*
-----------------------------------------------
Blogger Template Style
Name:     Simple
Designer: Blogger
----------------------------------------------- */
body {{ font: normal normal 14px Tahoma, Arial, sans-serif; color: #222222; background: #f0f0f0 none repeat scroll top left; padding: 0 40px 40px 40px; }}
html body .region-inner {{ min-width: 0; max-width: 100%; width: auto; }}
.header-inner .Header .titlewrapper, .header-inner .Header .descriptionwrapper {{ padding-left: 0; padding-right: 0; }}
.post-body {{ font-size: 110%; line-height: 1.6; position: relative; }}
.widget .zippy {{ color: #999999; }}
--></style>
<style id='template-skin-1' type='text/css'><!--
body {{ min-width: 960px; }}
.content-outer, .content-fauxcolumn-outer, .region-inner {{ min-width: 960px; max-width: 960px; _width: 960px; }}
.main-inner .columns {{ padding-left: 0px; padding-right: 310px; }}
--></style>
<script type="text/javascript">(function() {{ var b=window,f="chrome",g="tick",k="jstiming";(function(){{function d(a){{this.t={{}};this.tick=function(a,d,c){{d=void 0!=c?c:(new Date).getTime();this.t[a]=[d,a]}};this.tick("start",null,a)}}var a=new d;b.jstiming={{Timer:d,load:a}};}})();}})();</script>
</head>
<body class='loading'>
<div class='navbar section' id='navbar' name='Navbar'><div class='widget Navbar' data-version='1' id='Navbar1'><script type="text/javascript">
    function setAttributeOnload(object, attribute, val) {{
      if(window.addEventListener) {{ window.addEventListener('load', function(){{ object[attribute] = val; }}, false); }}
      else {{ window.attachEvent('onload', function(){{ object[attribute] = val; }}); }}
    }}
  </script>
<div id="navbar-iframe-container"></div>
</div></div>
<div class='body-fauxcolumns'><div class='fauxcolumn-outer body-fauxcolumn-outer'><div class='cap-top'><div class='cap-left'></div><div class='cap-right'></div></div><div class='fauxborder-left'><div class='fauxborder-right'></div><div class='fauxcolumn-inner'></div></div><div class='cap-bottom'><div class='cap-left'></div><div class='cap-right'></div></div></div></div>
<div class='content'>
<div class='content-outer'>
<div class='content-cap-top cap-top'><div class='cap-left'></div><div class='cap-right'></div></div>
<div class='fauxborder-left content-fauxborder-left'><div class='fauxborder-right content-fauxborder-right'></div>
<div class='content-inner'>
<header>
<div class='header-outer'><div class='header-cap-top cap-top'><div class='cap-left'></div><div class='cap-right'></div></div>
<div class='fauxborder-left header-fauxborder-left'><div class='fauxborder-right header-fauxborder-right'></div>
<div class='region-inner header-inner'>
<div class='header section' id='header' name='Header'><div class='widget Header' data-version='1' id='Header1'>
<div id='header-inner'>
<div class='titlewrapper'>
<h1 class='title'>
<a href='{site}/'>نور العلم</a>
</h1>
</div>
<div class='descriptionwrapper'>
<p class='description'><span>أخبار العلوم والتكنولوجيا بلغة بسيطة، كل أسبوع</span></p>
</div>
</div>
</div></div>
</div>
</div>
<div class='header-cap-bottom cap-bottom'><div class='cap-left'></div><div class='cap-right'></div></div>
</div>
</header>
<div class='tabs-outer'>
<div class='region-inner tabs-inner'>
<div class='tabs section' id='crosscol' name='Cross-Column'><div class='widget PageList' data-version='1' id='PageList1'>
<h2>الصفحات</h2>
<div class='widget-content'>
<ul>
<li><a href='{site}/'>الصفحة الرئيسية</a></li>
<li><a href='{site}/p/about.html'>من أنا</a></li>
<li><a href='{site}/p/contact.html'>اتصل بي</a></li>
<li><a href='{site}/p/privacy.html'>سياسة الخصوصية</a></li>
</ul>
<div class='clear'></div>
</div>
</div></div>
</div>
</div>
<div class='main-outer'>
<div class='main-cap-top cap-top'><div class='cap-left'></div><div class='cap-right'></div></div>
<div class='fauxborder-left main-fauxborder-left'><div class='fauxborder-right main-fauxborder-right'></div>
<div class='region-inner main-inner'>
<div class='columns fauxcolumns'>
<div class='columns-inner'>
<div class='column-center-outer'>
<div class='column-center-inner'>
<div class='main section' id='main' name='Main'><div class='widget Blog' data-version='1' id='Blog1'>
<div class='blog-posts hfeed'>

          <div class="date-outer">
        
<h2 class='date-header'><span>الأربعاء، 1 مارس 2017</span></h2>

          <div class="date-posts">
        
<div class='post-outer'>
<div class='post hentry uncustomized-post-template' itemprop='blogPost' itemscope='itemscope' itemtype='http://schema.org/BlogPosting'>
<meta content='https://blogger.googleusercontent.example/img/b/R29vZ2xl/rose-battery/s320/rose.jpg' itemprop='image_url'/>
<meta content='{blog_id}' itemprop='blogId'/>
<meta content='{post_id}' itemprop='postId'/>
<a name='{post_id}'></a>
<h3 class='post-title entry-title' itemprop='name'>
{e(title)}
</h3>
<div class='post-header'>
<div class='post-header-line-1'></div>
</div>
<div class='post-body entry-content' id='post-body-{post_id}' itemprop='description articleBody'>
<div dir="rtl" style="text-align: right;" trbidi="on">
<div class="separator" style="clear: both; text-align: center;">
<a href="https://blogger.googleusercontent.example/img/b/R29vZ2xl/rose-battery/s1600/rose.jpg" imageanchor="1" style="margin-left: 1em; margin-right: 1em;"><img border="0" data-original-height="450" data-original-width="800" height="180" src="https://blogger.googleusercontent.example/img/b/R29vZ2xl/rose-battery/s320/rose.jpg" width="320" /></a></div>
<br />
{post_body}<br />
<br />
<span style="color: #999999; font-size: x-small;">الصورة: تعبيرية</span></div>
<div style='clear: both;'></div>
</div>
<div class='post-footer'>
<div class='post-footer-line post-footer-line-1'>
<span class='post-author vcard'>
نشر بواسطة
<span class='fn' itemprop='author' itemscope='itemscope' itemtype='http://schema.org/Person'>
<meta content='https://www.blogger.example/profile/09182736450918273645' itemprop='url'/>
<a class='g-profile' href='https://www.blogger.example/profile/09182736450918273645' rel='author' title='author profile'>
<span itemprop='name'>نور الهدى</span>
</a>
</span>
</span>
<span class='post-timestamp'>
في
<meta content='{url}' itemprop='url'/>
<a class='timestamp-link' href='{url}' rel='bookmark' title='permanent link'><abbr class='published' itemprop='datePublished' title='2017-03-01T10:15:00+01:00'>10:15 ص</abbr></a>
</span>
<span class='post-comment-link'>
</span>
<span class='post-icons'>
<span class='item-control blog-admin pid-1822436910'>
<a href='https://www.blogger.example/post-edit.g?blogID={blog_id}&amp;postID={post_id}&amp;from=pencil' title='تعديل الرسالة'>
<img alt='' class='icon-action' height='18' src='https://resources.blogblog.example/img/icon18_edit_allbkg.gif' width='18'/>
</a>
</span>
</span>
<div class='post-share-buttons goog-inline-block'>
<a class='goog-inline-block share-button sb-email' href='https://www.blogger.example/share-post.g?blogID={blog_id}&amp;postID={post_id}&amp;target=email' target='_blank' title='إرسال بالبريد الإلكتروني'><span class='share-button-link-text'>إرسال بالبريد الإلكتروني</span></a><a class='goog-inline-block share-button sb-blog' href='https://www.blogger.example/share-post.g?blogID={blog_id}&amp;postID={post_id}&amp;target=blog' onclick='window.open(this.href, "_blank", "height=270,width=475"); return false;' target='_blank' title='كتابة مدونة حول هذه المشاركة'><span class='share-button-link-text'>كتابة مدونة حول هذه المشاركة</span></a><a class='goog-inline-block share-button sb-twitter' href='https://www.blogger.example/share-post.g?blogID={blog_id}&amp;postID={post_id}&amp;target=twitter' target='_blank' title='‏المشاركة على X'><span class='share-button-link-text'>‏المشاركة على X</span></a><a class='goog-inline-block share-button sb-facebook' href='https://www.blogger.example/share-post.g?blogID={blog_id}&amp;postID={post_id}&amp;target=facebook' onclick='window.open(this.href, "_blank", "height=430,width=640"); return false;' target='_blank' title='المشاركة في Facebook'><span class='share-button-link-text'>المشاركة في Facebook</span></a><a class='goog-inline-block share-button sb-pinterest' href='https://www.blogger.example/share-post.g?blogID={blog_id}&amp;postID={post_id}&amp;target=pinterest' target='_blank' title='‏المشاركة على Pinterest'><span class='share-button-link-text'>‏المشاركة على Pinterest</span></a>
</div>
</div>
<div class='post-footer-line post-footer-line-2'>
<span class='post-labels'>
التصنيفات:
{post_labels}
</span>
</div>
<div class='post-footer-line post-footer-line-3'>
<span class='post-location'>
</span>
</div>
</div>
</div>
<div class='comments' id='comments'>
<a name='comments'></a>
<h4>لا توجد تعليقات:</h4>
<div id='Blog1_comments-block-wrapper'>
<dl class='avatar-comment-indent' id='comments-block'>
</dl>
</div>
<p class='comment-footer'>
<div class='comment-form'>
<a name='comment-form'></a>
<h4 id='comment-post-message'>إرسال تعليق</h4>
<p>
</p>
<a href='https://www.blogger.example/comment/frame/{blog_id}?po={post_id}&amp;hl=ar&amp;skin=simple' id='comment-editor-src'></a>
<iframe allowtransparency='true' class='blogger-iframe-colorize blogger-comment-from-post' frameborder='0' height='410px' id='comment-editor' name='comment-editor' src='' width='100%'></iframe>
<script src='https://www.blogger.example/static/v1/jsbin/2830521187-comment_from_post_iframe.js' type='text/javascript'></script>
<script type='text/javascript'>
      BLOG_CMT_createIframe('https://www.blogger.example/rpc_relay.html');
    </script>
</div>
</p>
</div>
</div>

        </div></div>
      
</div>
<div class='blog-pager' id='blog-pager'>
<span id='blog-pager-newer-link'>
<a class='blog-pager-newer-link' href='{site}/2017/03/blog-post_3.html' id='Blog1_blog-pager-newer-link' title='رسالة أحدث'>رسالة أحدث</a>
</span>
<span id='blog-pager-older-link'>
<a class='blog-pager-older-link' href='{site}/2017/02/blog-post_27.html' id='Blog1_blog-pager-older-link' title='رسالة أقدم'>رسالة أقدم</a>
</span>
<a class='home-link' href='{site}/'>الصفحة الرئيسية</a>
</div>
<div class='clear'></div>
<div class='post-feeds'>
<div class='feed-links'>
الاشتراك في:
<a class='feed-link' href='{site}/feeds/{post_id}/comments/default' target='_blank' type='application/atom+xml'>تعليقات الرسالة (Atom)</a>
</div>
</div>
</div></div>
</div>
</div>
<div class='column-left-outer'>
<div class='column-left-inner'>
<aside>
</aside>
</div>
</div>
<div class='column-right-outer'>
<div class='column-right-inner'>
<aside>
<div class='sidebar section' id='sidebar-right-1'><div class='widget Profile' data-version='1' id='Profile1'>
<h2>من أنا</h2>
<div class='widget-content'>
<a href='https://www.blogger.example/profile/09182736450918273645'><img alt='صورتي' class='profile-img' height='80' src='https://blogger.googleusercontent.example/img/b/R29vZ2xl/avatar/s80/me.jpg' width='80'/></a>
<dl class='profile-datablock'>
<dt class='profile-data'>
<a class='profile-name-link g-profile' href='https://www.blogger.example/profile/09182736450918273645' rel='author' style='background-image: url(//www.blogger.example/img/logo-16.png);'>
نور الهدى
</a>
</dt>
<dd class='profile-textblock'>طالبة دكتوراه في الفيزياء، أكتب هنا عن العلوم لمن لا يحب المعادلات.</dd>
</dl>
<a class='profile-link' href='https://www.blogger.example/profile/09182736450918273645' rel='author'>عرض الملف الشخصي الكامل الخاص بي</a>
<div class='clear'></div>
</div>
</div><div class='widget Label' data-version='1' id='Label1'>
<h2>التصنيفات</h2>
<div class='widget-content list-label-widget-content'>
<ul>
{labels_html}</ul>
<div class='clear'></div>
</div>
</div><div class='widget BlogArchive' data-version='1' id='BlogArchive1'>
<h2>أرشيف المدونة</h2>
<div class='widget-content'>
<div id='ArchiveList'>
<div id='BlogArchive1_ArchiveList'>
<ul class='hierarchy'>
<li class='archivedate expanded'>
<a class='toggle' href='javascript:void(0)'>
<span class='zippy toggle-open'>
&#9660;&nbsp;
</span>
</a>
<a class='post-count-link' href='{site}/2017/'>
2017
</a>
<span class='post-count' dir='ltr'>(20)</span>
<ul class='hierarchy'>
<li class='archivedate expanded'>
<a class='toggle' href='javascript:void(0)'>
<span class='zippy toggle-open'>
&#9660;&nbsp;
</span>
</a>
<a class='post-count-link' href='{site}/2017/03/'>
مارس
</a>
<span class='post-count' dir='ltr'>(4)</span>
<ul class='posts'>
{archive_posts}</ul>
</li>
</ul>
<ul class='hierarchy'>
{archive_months}</ul>
</li>
</ul>
</div>
</div>
<div class='clear'></div>
</div>
</div><div class='widget Followers' data-version='1' id='Followers1'>
<h2 class='title'>المتابعون</h2>
<div class='widget-content'>
<div id='Followers1-wrapper'>
<div style='margin-right:2px;'>
<div><script type="text/javascript" src="https://apis.google.example/js/platform.js"></script>
<div id="followers-iframe-container"></div>
</div>
</div>
</div>
<div class='clear'></div>
</div>
</div></div>
</aside>
</div>
</div>
</div>
<div style='clear: both'></div>
</div>
</div>
</div>
<div class='main-cap-bottom cap-bottom'><div class='cap-left'></div><div class='cap-right'></div></div>
</div>
<footer>
<div class='footer-outer'>
<div class='footer-cap-top cap-top'><div class='cap-left'></div><div class='cap-right'></div></div>
<div class='fauxborder-left footer-fauxborder-left'><div class='fauxborder-right footer-fauxborder-right'></div>
<div class='region-inner footer-inner'>
<div class='foot no-items section' id='footer-1'></div>
<div class='foot section' id='footer-3' name='التذييل'><div class='widget Attribution' data-version='1' id='Attribution1'>
<div class='widget-content' style='text-align: center;'>
سمة بسيطة. يتم التشغيل بواسطة <a href='https://www.blogger.example' target='_blank'>Blogger</a>.
</div>
<div class='clear'></div>
</div></div>
</div>
</div>
<div class='footer-cap-bottom cap-bottom'><div class='cap-left'></div><div class='cap-right'></div></div>
</div>
</footer>
</div>
</div>
<div class='content-cap-bottom cap-bottom'><div class='cap-left'></div><div class='cap-right'></div></div>
</div>
</div>
<script type='text/javascript'>
    window.setTimeout(function() {{
        document.body.className = document.body.className.replace('loading', '');
      }}, 10);
  </script>
<script type="text/javascript" src="https://www.blogger.example/static/v1/widgets/1601900224-widgets.js"></script>
<script type='text/javascript'>
window['__wavt'] = 'AOuZoY4aWqzLd0ohAmxPCI3ytL2wRCyKxg:1488359700000';_WidgetManager._Init('//www.blogger.example/rearrange?blogID\\x3d{blog_id}','//nour-ilm.blogspot.example/2017/03/blog-post.html','{blog_id}');
_WidgetManager._SetDataContext([{{'name': 'blog', 'data': {{'blogId': '{blog_id}', 'title': 'نور العلم', 'url': '{url}', 'canonicalUrl': '{url}', 'homepageUrl': '{site}/', 'pageType': 'item', 'postId': '{post_id}', 'pageName': {json.dumps(title, ensure_ascii=False)}, 'pageTitle': 'نور العلم: ' + {json.dumps(title, ensure_ascii=False)}}}}}]);
_WidgetManager._RegisterWidget('_NavbarView', new _WidgetInfo('Navbar1', 'navbar', document.getElementById('Navbar1'), {{}}, 'displayModeFull'));
_WidgetManager._RegisterWidget('_BlogView', new _WidgetInfo('Blog1', 'main', document.getElementById('Blog1'), {{'cmtInteractionsEnabled': false, 'lightboxEnabled': true}}, 'displayModeFull'));
_WidgetManager._RegisterWidget('_LabelView', new _WidgetInfo('Label1', 'sidebar-right-1', document.getElementById('Label1'), {{}}, 'displayModeFull'));
_WidgetManager._RegisterWidget('_BlogArchiveView', new _WidgetInfo('BlogArchive1', 'sidebar-right-1', document.getElementById('BlogArchive1'), {{'languageDirection': 'rtl', 'loadingMessage': '\\u062c\\u0627\\u0631\\u064d \\u0627\\u0644\\u062a\\u062d\\u0645\\u064a\\u0644\\u2026'}}, 'displayModeFull'));
</script>
</body>
</html>
"""
    return dict(
        url=url, html=doc, encoding="utf-8", http_content_type="text/html; charset=UTF-8",
        charset_declared_in="http+meta", title=title, lang="ar", main=body,
        server=[("Server", "GSE"), ("X-Content-Type-Options", "nosniff"),
                ("Cache-Control", "private, max-age=0"), ("Expires", f"{HTTP_DAY} 12:00:00 GMT")],
        source=f"ANT {src['id']} (Apache-2.0)",
        notes="Blogger classic 'Simple' layout; the post body is text runs separated by <br /><br />, "
              "each run one paragraph. main_text excludes the title, the image and its credit line "
              "('الصورة: تعبيرية'), author/time line, share buttons, labels, comment form, pager, sidebar "
              "(profile, labels, archive, followers) and attribution.",
    )


def page_forum():
    """A vBulletin 4 thread of three posts; the third quotes the second."""
    src = ant("JA-diverse-204-20170331")
    site = "https://montada-altiqniya.example"
    base = f"{site}/vb/"
    title = src["title"]
    tid = 48817
    url = f"{base}showthread.php?{tid}-{slug(title)}"
    article = paragraphs(src["text"])
    intro = "السلام عليكم ورحمة الله وبركاته، قرأت هذا التقرير عن مستقبل الوظائف مع انتشار الروبوتات وأحببت أن أنقله لكم للنقاش:"
    reply2 = [
        "وعليكم السلام، موضوع مهم جداً. أنا أعمل في مركز اتصالات وبدأنا فعلاً نرى برامج المحادثة الآلية "
        "تجيب على نصف أسئلة الزبائن، والإدارة لم تعد تفتح وظائف جديدة منذ سنة.",
        "لكن أظن أن وظائف أخرى ستظهر مكانها، مثل تدريب هذه البرامج ومراقبة أخطائها.",
    ]
    reply3 = [
        "كلامك صحيح يا أخي، الوظائف لا تختفي بل تتغير. المشكلة أن من يفقد عمله اليوم ليس بالضرورة "
        "من سيحصل على الوظيفة الجديدة غداً، ولهذا يجب أن تهتم الدولة بالتكوين المستمر.",
        "بارك الله فيك يا أبا يوسف على النقل.",
    ]
    posts = [
        dict(pid=51001, n=1, user="أبو يوسف", uid=233, utitle="عضو مميز", rank=4, joined="Mar 2011",
             country="تونس", count="2,318", time="10:24 AM",
             text=[intro] + article, quote=None,
             sig='<font color="DarkGreen"><b>سبحان الله وبحمده، سبحان الله العظيم</b></font>'),
        dict(pid=51007, n=2, user="سامي التونسي", uid=1045, utitle="عضو نشيط", rank=2, joined="Sep 2014",
             country="صفاقس", count="412", time="11:02 AM", text=reply2, quote=None,
             sig='<div align="center"><i>لا تؤجل عمل اليوم إلى الغد</i><br />\n<a href="http://sami-blog.example" target="_blank">مدونتي الشخصية</a></div>'),
        dict(pid=51019, n=3, user="م. ليلى", uid=877, utitle="مشرفة قسم الأخبار", rank=6, joined="Jan 2013",
             country="الجزائر", count="5,904", time="01:37 PM", text=reply3, quote=("سامي التونسي", 51007),
             sig='<div align="center"><img src="https://montada-altiqniya.example/vb/signaturepics/sigpic877_1.gif" alt="" border="0" /><br />\n<b>قوانين القسم: <a href="showthread.php?102-rules" target="_blank">اضغط هنا</a></b></div>'),
    ]

    def post_html(p):
        msg = "<br />\n<br />\n".join(e(t) for t in p["text"])
        if p["quote"]:
            qp = p["quote"][1]
            quoted = "<br />\n".join(e(t) for t in reply2)
            msg = (f'<div class="bbcode_container">\n\t<div class="bbcode_quote">\n\t\t<div class="quote_container">\n'
                   f'\t\t\t<div class="bbcode_quote_container"></div>\n\t\t\t\n\t\t\t\t<div class="bbcode_postedby">\n'
                   f'\t\t\t\t\t<img src="images/misc/quote_icon.png" alt="اقتباس" /> المشاركة الأصلية كتبت بواسطة '
                   f'<strong>{e(p["quote"][0])}</strong>\n\t\t\t\t\t<a href="showthread.php?{tid}&amp;p={qp}#post{qp}" '
                   f'rel="nofollow"><img class="inlineimg" src="images/buttons/viewpost-right.png" alt="مشاهدة المشاركة" /></a>\n'
                   f'\t\t\t\t</div>\n\t\t\t\t<div class="message">{quoted}</div>\n\t\t\t\n\t\t</div>\n\t</div>\n</div>'
                   + msg)
        u = p["user"]
        return f"""<li class="postbitlegacy postbitim postcontainer old" id="post_{p['pid']}">
<div class="posthead">
<span class="postdate old">
<span class="date">31-03-2017,&nbsp;<span class="time">{p['time']}</span></span>
</span>
<span class="nodecontrols">
<a name="post{p['pid']}" href="showthread.php?{tid}&amp;p={p['pid']}#post{p['pid']}" class="postcounter">#{p['n']}</a><a id="postcount{p['pid']}" name="{p['n']}"></a>
</span>
</div>
<div class="postdetails">
<div class="userinfo">
<div class="username_container">
<div class="popupmenu memberaction">
<a class="username offline popupctrl" href="member.php?{p['uid']}" title="{a(u)} غير متواجد حالياً"><strong>{e(u)}</strong></a>
<ul class="popupbody popuphover memberaction_body">
<li class="left"><a href="member.php?{p['uid']}" class="siteicon_profile">الملف الشخصي</a></li>
<li class="right"><a href="search.php?do=finduser&amp;userid={p['uid']}&amp;contenttype=vBForum_Post&amp;showposts=1" class="siteicon_forum" rel="nofollow">المشاركات في المنتدى</a></li>
</ul>
</div>
<img class="inlineimg onlinestatus" src="images/statusicon/user-offline.png" alt="{a(u)} غير متواجد حالياً" border="0" />
</div>
<span class="usertitle">{e(p['utitle'])}</span>
<span class="rank"><img src="images/ranks/rank{p['rank']}.gif" alt="" border="" /></span>
<a class="postuseravatar" href="member.php?{p['uid']}" title="{a(u)} غير متواجد حالياً">
<img src="customavatars/avatar{p['uid']}_2.gif" alt="الصورة الرمزية {a(u)}" title="الصورة الرمزية {a(u)}" />
</a>
<hr />
<dl class="userinfo_extra">
<dt>تاريخ التسجيل</dt> <dd>{p['joined']}</dd>
<dt>الدولة</dt> <dd>{e(p['country'])}</dd>
<dt>المشاركات</dt> <dd>{p['count']}</dd>
</dl>
<div class="imlinks">
</div>
</div>
<div class="postbody">
<div class="postrow has_after_content">
<h2 class="title icon">
{'' if p['n'] == 1 else 'رد: '}{e(title)}
</h2>
<div class="content">
<div id="post_message_{p['pid']}">
<blockquote class="postcontent restore ">
{msg}
</blockquote>
</div>
</div>
</div>
<div class="after_content">
<blockquote class="signature restore"><div class="signaturecontainer">{p['sig']}</div></blockquote>
</div>
<div class="cleardiv"></div>
</div>
</div>
<div class="postfoot">
<div class="textcontrols floatcontainer">
<span class="postcontrols">
<img style="display: none" id="progress_{p['pid']}" src="images/misc/progress.gif" alt="" />
<a id="qrwq_{p['pid']}" class="newreply" href="newreply.php?do=newreply&amp;p={p['pid']}" rel="nofollow" title="الرد مع إقتباس"><img id="quoteimg_{p['pid']}" src="clear.gif" alt="الرد مع إقتباس" />  الرد مع إقتباس</a>
</span>
<span class="postlinking">
</span>
</div>
</div>
<hr />
</li>
"""
    similar = [("الذكاء الاصطناعي يكتب الأخبار: هل انتهى زمن الصحفيين؟", 47210, "أبو يوسف", 14),
               ("أفضل لغات البرمجة للمبتدئين في 2017", 48102, "كريم_dev", 37),
               ("سيارات بدون سائق في شوارع دبي قريباً", 46855, "م. ليلى", 9)]
    similar_html = "".join(
        f'<li class="floatcontainer"><div class="titleblock"><h6><a href="showthread.php?{t}" title="">{e(name)}</a></h6>'
        f'<div class="starter_forum">بواسطة {e(who)} في المنتدى أخبار التقنية</div></div>'
        f'<div class="dateblock"><span class="shade">مشاركات:</span> {n}<div class="lastpostdate">آخر مشاركة: 28-03-2017</div></div></li>\n'
        for name, t, who, n in similar)
    doc = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" dir="rtl" lang="ar" id="vbulletin_html">
<head>
\t<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<meta id="e_vb_meta_bburl" name="vb_meta_bburl" content="{site}/vb" />
<base href="{base}" /><!--[if IE]></base><![endif]-->
<meta name="generator" content="vBulletin 4.2.5" />
<meta http-equiv="X-UA-Compatible" content="IE=9" />
\t<link rel="Shortcut Icon" href="favicon.ico" type="image/x-icon" />
<script type="text/javascript" src="clientscript/yui/yuiloader-dom-event/yuiloader-dom-event.js?v=425"></script>
<script type="text/javascript" src="clientscript/yui/connection/connection-min.js?v=425"></script>
<script type="text/javascript">
<!--
\tvar SESSIONURL = "";
\tvar SECURITYTOKEN = "guest";
\tvar IMGDIR_MISC = "images/misc";
\tvar IMGDIR_BUTTON = "images/buttons";
\tvar vb_disable_ajax = parseInt("0", 10);
\tvar SIMPLEVERSION = "425";
\tvar BBURL = "{site}/vb";
\tvar LOGGEDIN = 0 > 0 ? true : false;
\tvar THIS_SCRIPT = "showthread";
\tvar RELPATH = "showthread.php?{tid}";
\tvar PATHS = {{forum : "", cms : "", blog : ""}};
\tvar AJAXBASEURL = "{base}";
// -->
</script>
<script type="text/javascript" src="{base}clientscript/vbulletin-core.js?v=425"></script>
\t<link rel="alternate" type="application/rss+xml" title="منتدى التقنية العربي RSS Feed" href="{base}external.php?type=RSS2" />
\t<link rel="alternate" type="application/rss+xml" title="منتدى التقنية العربي - أخبار التقنية - RSS Feed" href="{base}external.php?type=RSS2&amp;forumids=7" />
<link rel="stylesheet" type="text/css" href="clientscript/vbulletin_css/style00002r/main-rollup.css?d=1490000000" />
<!--[if lt IE 8]>
<link rel="stylesheet" type="text/css" href="clientscript/vbulletin_css/style00002r/popupmenu-ie.css?d=1490000000" />
<![endif]-->
\t<meta name="keywords" content="الروبوت, وظائف, الذكاء الاصطناعي, التكنولوجيا, مستقبل العمل" />
\t<meta name="description" content="{a(article[0][:150])}" />
\t<title> {e(title)}</title>
\t<link rel="canonical" href="showthread.php?{tid}-{slug(title)}" />
<link rel="stylesheet" type="text/css" href="clientscript/vbulletin_css/style00002r/showthread-rollup.css?d=1490000000" />
</head>
<body>
<div class="above_body">
<div id="header" class="floatcontainer doc_header">
\t<div><a name="top" href="forum.php" class="logo-image"><img src="images/misc/logo.png" alt="منتدى التقنية العربي - Powered by vBulletin" /></a></div>
\t<div id="toplinks" class="toplinks">
\t\t<ul class="nouser">
\t\t\t<li><a href="register.php" rel="nofollow">تسجيل</a></li>
\t\t\t<li><a rel="help" href="faq.php">مساعدة</a></li>
\t\t\t<li>
\t\t\t<script type="text/javascript" src="clientscript/vbulletin_md5.js?v=425"></script>
\t\t\t<form id="navbar_loginform" action="login.php?do=login" method="post" onsubmit="md5hash(vb_login_password, vb_login_md5password, vb_login_md5password_utf, 0)">
\t\t\t\t<fieldset id="logindetails" class="logindetails">
\t\t\t\t\t<div><div>
\t\t\t\t\t<input type="text" class="textbox default-value" name="vb_login_username" id="navbar_username" size="10" accesskey="u" tabindex="101" value="اسم العضو" />
\t\t\t\t\t<input type="password" class="textbox" tabindex="102" name="vb_login_password" id="navbar_password" size="10" />
\t\t\t\t\t<input type="submit" class="loginbutton" tabindex="104" value="دخول" title="ادخل اسم العضو وكلمة المرور الخاصة بك في الحقول المخصصة لها لتسجيل الدخول, أو اضغط على رابط 'تسجيل' لإنشاء حساب خاص بك." accesskey="s" />
\t\t\t\t\t</div></div>
\t\t\t\t</fieldset>
\t\t\t\t<div id="remember" class="remember">
\t\t\t\t\t<label for="cb_cookieuser_navbar"><input type="checkbox" name="cookieuser" value="1" id="cb_cookieuser_navbar" class="cb_cookieuser_navbar" accesskey="c" tabindex="103" /> حفظ البيانات؟</label>
\t\t\t\t</div>
\t\t\t\t<input type="hidden" name="s" value="" />
\t\t\t\t<input type="hidden" name="securitytoken" value="guest" />
\t\t\t\t<input type="hidden" name="do" value="login" />
\t\t\t\t<input type="hidden" name="vb_login_md5password" />
\t\t\t\t<input type="hidden" name="vb_login_md5password_utf" />
\t\t\t</form>
\t\t\t</li>
\t\t</ul>
\t</div>
\t<div class="ad_global_header">
\t\t<div id="ad_global_header1"><a href="{site}/ads/go.php?id=3" target="_blank"><img src="{site}/ads/banner-468x60.gif" width="468" height="60" alt="استضافة مواقع عربية" /></a></div>
\t</div>
\t<hr />
</div>
<div id="navbar" class="navbar">
\t<ul id="navtabs" class="navtabs floatcontainer">
\t\t<li class="selected" id="vbtab_forum">
\t\t\t<a class="navtab" href="forum.php">المنتديات</a>
\t\t\t<ul class="floatcontainer">
\t\t\t\t<li id="vbflink_newposts"><a href="search.php?do=getnew&amp;contenttype=vBForum_Post">المشاركات الجديدة</a></li>
\t\t\t\t<li id="vbflink_faq"><a href="faq.php">الأسئلة الشائعة</a></li>
\t\t\t\t<li id="vbflink_calendar"><a href="calendar.php">التقويم</a></li>
\t\t\t\t<li class="popupmenu" id="vbmenu_community"><a href="javascript://" class="popupctrl">المجتمع</a></li>
\t\t\t\t<li class="popupmenu" id="vbmenu_actions"><a href="javascript://" class="popupctrl">روابط مفيدة</a></li>
\t\t\t</ul>
\t\t</li>
\t\t<li id="vbtab_whatsnew"><a class="navtab" href="activity.php">ما الجديد؟</a></li>
\t</ul>
\t<div id="globalsearch" class="globalsearch">
\t\t<form action="search.php?do=process" method="post" id="navbar_search" class="navbar_search">
\t\t<input type="hidden" name="securitytoken" value="guest" />
\t\t<input type="hidden" name="do" value="process" />
\t\t<span class="textboxcontainer"><span><input type="text" value="" name="query" class="textbox" tabindex="99"/></span></span>
\t\t<span class="buttoncontainer"><span><input type="image" class="searchbutton" src="images/buttons/search.png" name="submit" onclick="document.getElementById('navbar_search').submit;" tabindex="100"/></span></span>
\t\t</form>
\t\t<ul class="navbar_advanced_search">
\t\t\t<li><a href="search.php" accesskey="4">بحث متقدم</a></li>
\t\t</ul>
\t</div>
</div>
</div><!-- closing div for above_body -->
<div class="body_wrapper">
<div id="breadcrumb" class="breadcrumb">
\t<ul class="floatcontainer">
\t\t<li class="navbithome"><a href="index.php" accesskey="1"><img src="images/misc/navbit-home.png" alt="الرئيسية" /></a></li>
\t\t<li class="navbit"><a href="forum.php">منتدى التقنية العربي</a></li>
\t\t<li class="navbit"><a href="forumdisplay.php?3-general">الأقسام العامة</a></li>
\t\t<li class="navbit"><a href="forumdisplay.php?7-tech-news">أخبار التقنية</a></li>
\t\t<li class="navbit lastnavbit"><span> {e(title)}</span></li>
\t</ul>
\t<hr />
</div>
<div id="notices" class="notices">
\t<ol>
\t\t<li class="restore" id="navbar_notice_1">
\t\t\tإذا كانت هذه زيارتك الأولى للمنتدى، فيرجى التكرم بزيارة صفحة <a href="faq.php" target="_blank"><b>التعليمات</b></a> كما يشرفنا أن تقوم <a href="register.php" target="_blank"><b>بالتسجيل</b></a>، إذا رغبت بالمشاركة في المنتدى، أما إذا رغبت بقراءة المواضيع والمشاركات فبإمكانك أن تختار القسم الذي تريد في الأسفل.
\t\t</li>
\t</ol>
</div>
\t<div id="above_postlist" class="above_postlist">
\t\t<a href="newreply.php?p=51019&amp;noquote=1" class="newcontent_textcontrol" id="newreplylink_top"><span>+</span> الرد على الموضوع</a>
\t\t<div id="pagination_top" class="pagination_top">
\t\t\t<div id="postpagestats_above" class="postpagestats">النتائج 1 إلى 3 من 3</div>
\t\t</div>
\t</div>
\t<div id="pagetitle" class="pagetitle">
\t\t<h1>
\t\t\tالموضوع: <span class="threadtitle"><a href="showthread.php?{tid}-{slug(title)}" title="إعادة تحميل هذه الصفحة">{e(title)}</a></span>
\t\t</h1>
\t</div>
\t<div id="thread_controls" class="thread_controls toolsmenu">
\t\t<div>
\t\t<ul id="postlist_popups" class="postlist_popups popupgroup">
\t\t\t<li class="popupmenu" id="threadtools"><h6><a class="popupctrl" href="javascript://">أدوات الموضوع</a></h6>
\t\t\t\t<ul class="popupbody popuphover">
\t\t\t\t\t<li><a href="printthread.php?t={tid}&amp;pp=10&amp;page=1" accesskey="3" rel="nofollow">عرض نسخة قابلة للطباعة</a></li>
\t\t\t\t\t<li><a href="subscription.php?do=addsubscription&amp;t={tid}" rel="nofollow">متابعة هذا الموضوع&hellip;</a></li>
\t\t\t\t</ul>
\t\t\t</li>
\t\t\t<li class="popupmenu" id="displaymodes"><h6><a class="popupctrl" href="javascript://">انواع عرض الموضوع</a></h6>
\t\t\t\t<ul class="popupbody popuphover">
\t\t\t\t\t<li><label>العرض العادي</label></li>
\t\t\t\t\t<li><a href="showthread.php?{tid}&amp;mode=hybrid"> الانتقال إلى العرض المتطور</a></li>
\t\t\t\t\t<li><a href="showthread.php?{tid}&amp;p=51001&amp;mode=threaded#post51001"> الانتقال إلى العرض الشجري</a></li>
\t\t\t\t</ul>
\t\t\t</li>
\t\t</ul>
\t\t</div>
\t</div>
<div id="postlist" class="postlist restrain">
\t<ol id="posts" class="posts" start="1">
{''.join(post_html(p) for p in posts)}\t</ol>
\t<div class="separator"></div>
\t<div class="postlistfoot"></div>
</div>
<div id="below_postlist" class="noinlinemod below_postlist">
\t<a href="newreply.php?p=51019&amp;noquote=1" class="newcontent_textcontrol" id="newreplylink_bottom"><span>+</span> الرد على الموضوع</a>
</div>
<div id="thread_info" class="thread_info block">
\t<h4 class="threadinfohead blockhead">معلومات الموضوع</h4>
\t<div id="thread_onlineusers" class="thread_info_block blockbody formcontrols">
\t\t<div class="inner_block">
\t\t\t<h5>الأعضاء الذين يشاهدون هذا الموضوع</h5>
\t\t\t<div>
\t\t\t\t<p>الذين يشاهدون الموضوع الآن: 1 (0 من الأعضاء و 1 زائر)</p>
\t\t\t</div>
\t\t</div>
\t</div>
\t<div id="similar_threads">
\t\t<h5 class="threadinfohead blocksubhead">مواضيع مشابهة</h5>
\t\t<div id="similar_threads_list" class="thread_info_block blockbody formcontrols">
\t\t\t<ol class="similar_threads">
{similar_html}\t\t\t</ol>
\t\t</div>
\t</div>
\t<div class="options_block_container">
\t\t<div class="options_block">
\t\t\t<h4 class="collapse blockhead options_correct">الكلمات الدلالية لهذا الموضوع</h4>
\t\t\t<div class="thread_info_block blockbody formcontrols floatcontainer options_correct">
\t\t\t\t<div id="thread_tags_list">
\t\t\t\t\t<a href="tags.php?tag=%D8%B1%D9%88%D8%A8%D9%88%D8%AA">روبوت</a>, <a href="tags.php?tag=%D9%88%D8%B8%D8%A7%D8%A6%D9%81">وظائف</a>
\t\t\t\t</div>
\t\t\t</div>
\t\t</div>
\t\t<div class="options_block2">
\t\t\t<h4 class="collapse blockhead options_correct">ضوابط المشاركة</h4>
\t\t\t<div class="thread_info_block blockbody formcontrols floatcontainer">
\t\t\t\t<div id="forumrules" class="info_subblock">
\t\t\t\t\t<ul class="youcandoblock">
\t\t\t\t\t\t<li><strong>لا تستطيع</strong> إضافة مواضيع جديدة</li>
\t\t\t\t\t\t<li><strong>لا تستطيع</strong> الرد على المواضيع</li>
\t\t\t\t\t\t<li><strong>لا تستطيع</strong> إرفاق ملفات</li>
\t\t\t\t\t\t<li><strong>لا تستطيع</strong> تعديل مشاركاتك</li>
\t\t\t\t\t</ul>
\t\t\t\t\t<div class="bbcodeblock">
\t\t\t\t\t\t<ul>
\t\t\t\t\t\t\t<li><a href="misc.php?do=bbcode" target="_blank">BB code</a> is <strong>متاحة</strong></li>
\t\t\t\t\t\t\t<li><a href="misc.php?do=showsmilies" target="_blank">الابتسامات</a> <strong>متاحة</strong></li>
\t\t\t\t\t\t\t<li>كود <strong>HTML</strong> معطل</li>
\t\t\t\t\t\t</ul>
\t\t\t\t\t</div>
\t\t\t\t\t<p class="rules_link"><a href="misc.php?do=showrules" target="_blank">قوانين المنتدى</a></p>
\t\t\t\t</div>
\t\t\t</div>
\t\t</div>
\t</div>
</div>
<div style="clear: left">
</div>
<div id="footer" class="floatcontainer footer">
\t<form action="forum.php" method="get" id="footer_select" class="footer_select">
\t\t<select name="styleid" onchange="switch_id(this, 'style')">
\t\t\t<optgroup label="اختيار سريع للإستايل"><option class="hidden"></option></optgroup>
\t\t\t<optgroup label="&nbsp;الإستايلات المتوفرة">
\t\t\t<option value="2" class="" selected="selected">-- الاستايل الافتراضي</option>
\t\t\t<option value="5" class="" >-- الاستايل الداكن</option>
\t\t\t</optgroup>
\t\t</select>
\t</form>
\t<ul id="footer_links" class="footer_links">
\t\t<li><a href="sendmessage.php" rel="nofollow" accesskey="9">اتصل بنا</a></li>
\t\t<li><a href="{site}/">منتدى التقنية العربي</a></li>
\t\t<li><a href="archive/index.php">الأرشيف</a></li>
\t\t<li><a href="{url}#top" onclick="document.location.hash='top'; return false;">الأعلى</a></li>
\t</ul>
\t<script type="text/javascript">
\t<!--
\t\t// Main vBulletin Javascript Initialization
\t\tvBulletin_init();
\t//-->
\t</script>
</div>
</div> <!-- closing div for body_wrapper -->
<div class="below_body">
<div id="footer_time" class="shade footer_time">جميع الأوقات بتوقيت GMT +1. الساعة الآن <span class="time">01:00 PM</span>.</div>
<div id="footer_copyright" class="shade footer_copyright">
\tPowered by <a href="https://www.vbulletin.example" id="vbulletinlink">vBulletin&reg;</a> Version 4.2.5 <br />Copyright &copy; 2024 vBulletin Solutions Inc. All rights reserved. <br />ترجمة <a href="https://vb-arabia.example" target="_blank">منتديات الشبكة العربية للمطورين</a>
</div>
<div id="footer_morecopyright" class="shade footer_morecopyright">
\tجميع المواضيع والمشاركات تعبر عن رأي كاتبيها ولا تعبر بالضرورة عن رأي إدارة المنتدى.
</div>
</div>
</body>
</html>
"""
    main = [intro] + article + reply2 + reply3
    return dict(
        url=url, html=doc, encoding="utf-8", http_content_type="text/html; charset=UTF-8",
        charset_declared_in="http+meta", title=title, lang="ar", main=main,
        server=[("Server", "Apache"), ("X-Powered-By", "PHP/5.6.40"),
                ("Set-Cookie", "bblastvisit=1726401600; expires=Mon, 15-Sep-2025 12:00:00 GMT; Max-Age=31536000; path=/; secure; HttpOnly"),
                ("Cache-Control", "private"), ("Pragma", "private")],
        source=f"ANT {src['id']} (Apache-2.0) as post #1; posts #2 and #3 written for ghirbal",
        notes="vBulletin 4 thread, 3 posts, <br /> separated lines inside blockquote.postcontent. "
              "main_text: post #1 (its intro line, then the article), post #2, and post #3 without the "
              "quote of post #2 that opens it (the quote repeats earlier text). Excludes user panels, "
              "post titles ('رد: ...'), signatures, notices, login form, similar threads, posting rules, footer.",
    )


def excerpt(text, n=28):
    """A WordPress-style excerpt: the first n words of the first paragraph, then an ellipsis."""
    first = " ".join(text.split("\n")[0].split())
    ws = first.split()
    return first if len(ws) <= n else " ".join(ws[:n]) + " …"


def page_listing():
    """A news section listing page of the same WordPress site: cards of linked title + excerpt."""
    site = "https://sada-almadina.example"
    url = f"{site}/category/diverse/"
    ids = ["JA-diverse-140-20170303", "JA-diverse-129-20170227", "JA-diverse-101-20170215",
           "JA-diverse-217-20170327", "JA-diverse-12-20170117", "JA-diverse-11-20170117",
           "JA-diverse-136-20170301", "JA-diverse-204-20170331"]
    cards, main = [], []
    for i, rid in enumerate(ids):
        r = ant(rid)
        t = " ".join(r["title"].split())
        ex = excerpt(r["text"])
        href = f"{site}/{r['id'][-8:-4]}/{r['id'][-4:-2]}/{r['id'][-2:]}/{slug(t)}/"
        day = f"{int(r['id'][-2:])} {['', 'جانفي', 'فيفري', 'مارس', 'أفريل'][int(r['id'][-4:-2])]} {r['id'][-8:-4]}"
        main += [t, ex]
        cards.append(f"""<li class="post-item tie-standard">
<a aria-label="{a(t)}" href="{href}" class="post-thumb"><span class="post-cat-wrap"><span class="post-cat tie-cat-9">منوعات</span></span><img width="390" height="220" src="{site}/wp-content/uploads/{r['id'][-8:-4]}/{r['id'][-4:-2]}/d{i}-390x220.jpg" class="attachment-jannah-image-large size-jannah-image-large wp-post-image" alt="" loading="lazy" /></a>
<div class="post-details">
<div class="post-meta clearfix"><span class="author-meta single-author no-avatars"><span class="meta-item meta-author-wrapper"><span class="meta-author"><a href="{site}/author/newsroom/" class="author-name tie-icon" title="هيئة التحرير">هيئة التحرير</a></span></span></span><span class="date meta-item tie-icon">{day}</span><div class="tie-alignright"><span class="meta-views meta-item "><span class="tie-icon-fire" aria-hidden="true"></span> {(i * 379) % 2000 + 120} </span></div></div>
<h2 class="post-title"><a href="{href}">{e(t)}</a></h2>
<p class="post-excerpt">{e(ex)}</p>
<a class="more-link button" href="{href}">أكمل القراءة &raquo;</a></div>
</li>
""")
    doc = f"""<!DOCTYPE html>
<html dir="rtl" lang="ar" data-skin="light">
<head>
<meta charset="UTF-8" />
<link rel="profile" href="https://gmpg.org/xfn/11" />
<title>منوعات &#8211; صدى المدينة</title>
<meta name="robots" content="index, follow, max-image-preview:large" />
<link rel="canonical" href="{url}" />
<link rel="next" href="{url}page/2/" />
<meta property="og:locale" content="ar_AR" />
<meta property="og:type" content="article" />
<meta property="og:title" content="منوعات &#8211; صدى المدينة" />
<meta property="og:url" content="{url}" />
<meta property="og:site_name" content="صدى المدينة" />
<script type="application/ld+json">{{"@context":"https://schema.org","@graph":[{{"@type":"CollectionPage","@id":"{url}","url":"{url}","name":"منوعات - صدى المدينة","inLanguage":"ar"}},{{"@type":"BreadcrumbList","itemListElement":[{{"@type":"ListItem","position":1,"name":"الرئيسية","item":"{site}/"}},{{"@type":"ListItem","position":2,"name":"منوعات"}}]}}]}}</script>
<link rel='stylesheet' id='tie-css-base-css' href='{site}/wp-content/themes/jannah/assets/css/base.min.css?ver=5.4.10' type='text/css' media='all' />
<link rel='stylesheet' id='tie-css-archives-css' href='{site}/wp-content/themes/jannah/assets/css/archives.min.css?ver=5.4.10' type='text/css' media='all' />
<script type='text/javascript' src='{site}/wp-includes/js/jquery/jquery.min.js?ver=3.6.0' id='jquery-core-js'></script>
</head>
<body id="tie-body" class="rtl archive category category-diverse category-9 wrapper-has-shadow block-head-1 magazine1 is-desktop is-header-layout-3 sidebar-left has-sidebar">
<div class="background-overlay"><div id="tie-container" class="site tie-container"><div id="tie-wrapper">
<header id="theme-header" class="theme-header header-layout-3 main-nav-dark main-nav-below top-nav-active top-nav-light top-nav-above has-shadow">
<nav id="top-nav" class="top-nav header-nav" aria-label="الشريط العلوي"><div class="container"><div class="topbar-wrapper"><div class="topbar-today-date tie-icon">الأحد 2 أفريل 2017</div>
<div class="tie-alignleft"><ul class="components"><li class="social-icons-item"><a class="social-link facebook-social-icon" rel="external noopener nofollow" target="_blank" href="https://www.facebook.example/sadaalmadina"><span class="tie-social-icon tie-icon-facebook"></span><span class="screen-reader-text">فيسبوك</span></a></li><li class="social-icons-item"><a class="social-link twitter-social-icon" rel="external noopener nofollow" target="_blank" href="https://twitter.example/sadaalmadina"><span class="tie-social-icon tie-icon-twitter"></span><span class="screen-reader-text">تويتر</span></a></li></ul></div></div></div></nav>
<div class="container header-container"><div class="tie-row logo-row"><div class="logo-wrapper"><div class="tie-col-md-4 logo-container clearfix"><div id="logo" class="image-logo"><a title="صدى المدينة" href="{site}/"><img src="{site}/wp-content/uploads/2016/05/logo.png" alt="صدى المدينة" width="300" height="49" /></a></div></div></div></div></div>
<div class="main-nav-wrapper"><nav id="main-nav" class="main-nav header-nav" aria-label="القائمة الرئيسية"><div class="container"><div class="main-menu-wrapper"><div id="menu-components-wrap"><div class="main-menu main-menu-wrap tie-alignleft"><div id="main-nav-menu" class="main-menu header-menu"><ul id="menu-main" class="menu" role="menubar"><li class="menu-item"><a href="{site}/">الرئيسية</a></li><li class="menu-item"><a href="{site}/category/national/">أخبار وطنية</a></li><li class="menu-item"><a href="{site}/category/world/">عربي ودولي</a></li><li class="menu-item"><a href="{site}/category/economy/">اقتصاد</a></li><li class="menu-item"><a href="{site}/category/culture/">ثقافة</a></li><li class="menu-item"><a href="{site}/category/sport/">رياضة</a></li><li class="menu-item tie-current-menu"><a href="{site}/category/diverse/">منوعات</a></li><li class="menu-item"><a href="{site}/category/video/">فيديو</a></li></ul></div></div></div></div></div></nav></div>
</header>
<div id="content" class="site-content container"><div id="main-content-row" class="tie-row main-content-row">
<div class="main-content tie-col-md-8 tie-col-xs-12" role="main">
<header class="entry-header-outer container-wrapper">
<nav id="breadcrumb"><a href="{site}/"><span class="tie-icon-home" aria-hidden="true"></span>الرئيسية</a><span class="current">منوعات</span></nav>
<h1 class="page-title">منوعات</h1>
<div class="taxonomy-description entry"><p>غرائب وطرائف وأخبار العلوم والصحة من تونس والعالم.</p></div>
</header>
<div class="mag-box wide-post-box">
<div class="container-wrapper"><div class="mag-box-container clearfix">
<ul id="posts-container" data-layout="default" data-settings="{{'uncropped_image':'jannah-image-post','category_meta':true,'post_meta':true,'excerpt':'true','excerpt_length':'28','read_more':'true','title_length':0,'is_full':false}}" class="posts-items">
{''.join(cards)}</ul>
<div class="clearfix"></div>
</div></div>
<div class="pages-nav"><div class="pages-numbers pages-standard"><span class="first-page first-last-pages"></span><span class="last-page first-last-pages"><a href="{url}page/2/"><span class="pagination-icon" aria-hidden="true"></span>الصفحة التالية</a></span></div></div>
</div>
</div>
<aside class="sidebar tie-col-md-4 tie-col-xs-12 normal-side is-sticky" aria-label="القائمة الجانبية الرئيسية"><div class="theiaStickySidebar">
<div id="categories-2" class="container-wrapper widget widget_categories"><div class="widget-title the-global-title"><div class="the-subtitle">الأقسام</div></div><ul><li class="cat-item"><a href="{site}/category/national/">أخبار وطنية</a> <span>(1٬204)</span></li><li class="cat-item"><a href="{site}/category/culture/">ثقافة</a> <span>(356)</span></li><li class="cat-item current-cat"><a aria-current="page" href="{url}">منوعات</a> <span>(519)</span></li><li class="cat-item"><a href="{site}/category/sport/">رياضة</a> <span>(880)</span></li></ul><div class="clearfix"></div></div>
<div id="tie-widget-social-2" class="container-wrapper widget social-icons-widget"><div class="widget-title the-global-title"><div class="the-subtitle">تابعنا</div></div><ul class="solid-social-icons"><li class="social-icons-item"><a class="social-link facebook-social-icon" rel="external noopener nofollow" target="_blank" href="https://www.facebook.example/sadaalmadina"><span class="tie-social-icon tie-icon-facebook"></span><span class="screen-reader-text">فيسبوك</span></a></li></ul><div class="clearfix"></div></div>
</div></aside>
</div></div>
<footer id="footer" class="site-footer dark-skin dark-widgetized-area"><div id="site-info" class="site-info site-info-layout-2"><div class="container"><div class="tie-row"><div class="tie-col-md-12">
<div class="copyright-text copyright-text-first">&copy; حقوق النشر 2017، جميع الحقوق محفوظة لموقع صدى المدينة</div>
<div class="footer-menu"><ul id="menu-footer" class="menu"><li><a href="{site}/about/">من نحن</a></li><li><a href="{site}/contact/">اتصل بنا</a></li><li><a href="{site}/privacy-policy/">سياسة الخصوصية</a></li></ul></div>
</div></div></div></div></footer>
</div></div></div>
<div id="cookie-notice" role="dialog" class="cookie-revoke-hidden cn-position-bottom" aria-label="Cookie Notice"><div class="cookie-notice-container"><span id="cn-notice-text" class="cn-text-container">نستخدم ملفات تعريف الارتباط (الكوكيز) لضمان حصولك على أفضل تجربة على موقعنا. إذا واصلت استخدام هذا الموقع فسنفترض أنك موافق على ذلك.</span><span id="cn-notice-buttons" class="cn-buttons-container"><a href="#" id="cn-accept-cookie" data-cookie-set="accept" class="cn-set-cookie cn-button">موافق</a></span></div></div>
<script type='text/javascript' src='{site}/wp-content/themes/jannah/assets/js/scripts.min.js?ver=5.4.10' id='tie-scripts-js'></script>
</body>
</html>
"""
    return dict(
        url=url, html=doc, encoding="utf-8", http_content_type="text/html; charset=UTF-8",
        charset_declared_in="http+meta", title="منوعات", lang="ar", main=main,
        server=[("Server", "LiteSpeed"), ("X-Powered-By", "PHP/7.4.33"),
                ("Link", f'<{site}/wp-json/>; rel="https://api.w.org/"')],
        source="ANT titles and first paragraphs (excerpts) of " + ", ".join(ids) + " (Apache-2.0)",
        notes="Category listing (same WordPress site). main_text: for each of the 8 cards, its linked "
              "title then its excerpt (first 28 words of the lead + ' …'). Excludes the page heading "
              "and category description, card metadata (author, date, views), 'أكمل القراءة' buttons, "
              "pagination, sidebar, footer and cookie notice.",
    )


def page_cp1256_http():
    """A legacy PHP-Nuke-style portal in windows-1256, the charset declared only in the HTTP header."""
    src = ant("JA-culture-108-20170521")
    site = "http://www.alwaha-news.example"
    url = f"{site}/modules.php?name=News&file=article&sid=85268"
    title = src["title"]
    body = paragraphs(src["text"])
    blocks_right = """<table border="0" cellspacing="0" cellpadding="3" width="170" class="block"><tr><td class="blocktitle"><b>القائمة الرئيسية</b></td></tr><tr><td class="blockcontent">
<strong><big>&middot;</big></strong>&nbsp;<a href="index.php">الرئيسية</a><br>
<strong><big>&middot;</big></strong>&nbsp;<a href="modules.php?name=News">الأخبار</a><br>
<strong><big>&middot;</big></strong>&nbsp;<a href="modules.php?name=Topics">المواضيع</a><br>
<strong><big>&middot;</big></strong>&nbsp;<a href="modules.php?name=Downloads">الملفات</a><br>
<strong><big>&middot;</big></strong>&nbsp;<a href="modules.php?name=Forums">المنتديات</a><br>
<strong><big>&middot;</big></strong>&nbsp;<a href="modules.php?name=Search">البحث</a><br>
<strong><big>&middot;</big></strong>&nbsp;<a href="modules.php?name=Feedback">راسلنا</a><br>
</td></tr></table><br>
<table border="0" cellspacing="0" cellpadding="3" width="170" class="block"><tr><td class="blocktitle"><b>استفتاء</b></td></tr><tr><td class="blockcontent">
<form action="modules.php?name=Surveys" method="post"><input type="hidden" name="pollID" value="12"><input type="hidden" name="forwarder" value="modules.php?name=Surveys&amp;op=results&amp;pollID=12">
<font class="content"><b>ما رأيك في تصميم الموقع الجديد؟</b></font><br><br>
<input type="radio" name="voteID" value="1"> <font class="content">ممتاز</font><br>
<input type="radio" name="voteID" value="2"> <font class="content">جيد</font><br>
<input type="radio" name="voteID" value="3"> <font class="content">مقبول</font><br>
<br><center><input type="submit" value="صوّت"></center><br>
<center><font class="content">[ <a href="modules.php?name=Surveys&amp;op=results&amp;pollID=12"><b>النتائج</b></a> | <a href="modules.php?name=Surveys"><b>استفتاءات</b></a> ]<br><br>أصوات: <b>214</b></font></center></form>
</td></tr></table><br>"""
    blocks_left = """<table border="0" cellspacing="0" cellpadding="3" width="170" class="block"><tr><td class="blocktitle"><b>المتواجدون الآن</b></td></tr><tr><td class="blockcontent">
<font class="content">يوجد حاليا 37 زائر و 2 عضو في الموقع.<br><br>أنت زائر مجهول. يمكنك التسجيل مجانا <a href="modules.php?name=Your_Account&amp;op=new_user">اضغط هنا</a></font>
</td></tr></table><br>
<table border="0" cellspacing="0" cellpadding="3" width="170" class="block"><tr><td class="blocktitle"><b>روابط ذات صلة</b></td></tr><tr><td class="blockcontent">
<font class="content">
<strong><big>&middot;</big></strong>&nbsp;<a href="modules.php?name=Search&amp;topic=9">المزيد عن سينما</a><br>
<strong><big>&middot;</big></strong>&nbsp;<a href="modules.php?name=Search&amp;author=admin">أخبار بواسطة admin</a><br><br>
<center><b>أكثر مقال قراءة عن سينما:</b><br><a href="modules.php?name=News&amp;file=article&amp;sid=84711">أيام قرطاج السينمائية تعلن موعد دورتها القادمة</a></center>
</font></td></tr></table><br>"""
    body_html = "<br><br>\n".join(e(p) for p in body)
    doc = f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html dir="rtl">
<head>
<title>الواحة نيوز - {e(title)}</title>
<META NAME="RESOURCE-TYPE" CONTENT="DOCUMENT">
<META NAME="DISTRIBUTION" CONTENT="GLOBAL">
<META NAME="AUTHOR" CONTENT="الواحة نيوز">
<META NAME="COPYRIGHT" CONTENT="Copyright (c) by الواحة نيوز">
<META NAME="KEYWORDS" CONTENT="أخبار, تونس, سينما, ثقافة, مهرجان كان">
<META NAME="DESCRIPTION" CONTENT="الواحة نيوز: أخبار تونس والعالم">
<META NAME="ROBOTS" CONTENT="INDEX, FOLLOW">
<META NAME="REVISIT-AFTER" CONTENT="1 DAYS">
<META NAME="GENERATOR" CONTENT="PHP-Nuke - Copyright by http://phpnuke.org">
<LINK REL="StyleSheet" HREF="themes/Arabia/style/style.css" TYPE="text/css">
<script type="text/javascript">
<!--
function openwindow(){{
\twindow.open ("modules.php?name=Friend&file=index&op=FriendSend&sid=85268","Send","toolbar=no,location=no,directories=no,status=no,scrollbars=yes,resizable=no,copyhistory=no,width=400,height=300");
}}
//-->
</script>
</head>
<body bgcolor="#FFFFFF" text="#000000" link="#0000FF" vlink="#800080" alink="#FF0000" topmargin="0" leftmargin="0" marginwidth="0" marginheight="0">
<table border="0" cellpadding="0" cellspacing="0" width="100%" bgcolor="#006633">
<tr><td width="300"><a href="index.php"><img src="themes/Arabia/images/logo.gif" border="0" alt="مرحبا بكم في الواحة نيوز" width="300" height="80"></a></td>
<td align="center"><a href="banners.php?op=click&amp;bid=4" target="_blank"><img src="images/banners/ad468.gif" border="0" alt="أعلن هنا" width="468" height="60"></a></td></tr>
</table>
<table border="0" cellpadding="2" cellspacing="0" width="100%" bgcolor="#E8F0E8">
<tr><td width="150"><font class="tiny"><b>الأحد 21 مايو 2017</b></font></td>
<td><marquee direction="right" scrollamount="3" onmouseover="this.stop()" onmouseout="this.start()"><font class="content"><a href="modules.php?name=News&amp;file=article&amp;sid=85266">وزارة الثقافة تعلن عن مسابقة للأفلام القصيرة</a> &nbsp;&bull;&nbsp; <a href="modules.php?name=News&amp;file=article&amp;sid=85261">افتتاح الدورة الجديدة لمعرض الكتاب بصفاقس</a> &nbsp;&bull;&nbsp; <a href="modules.php?name=News&amp;file=article&amp;sid=85250">نتائج الباكالوريا التجريبية</a></font></marquee></td>
<td width="200" align="left"><form action="modules.php?name=Search" method="post"><font class="content"><input type="text" name="query" size="14"> <input type="submit" value="بحث"></font></form></td></tr>
</table>
<table border="0" cellpadding="4" cellspacing="0" width="100%" align="center"><tr valign="top">
<td width="170" valign="top">
{blocks_right}
</td>
<td width="100%" valign="top">
<table border="0" cellpadding="0" cellspacing="1" width="100%" bgcolor="#006633"><tr><td>
<table border="0" cellpadding="8" cellspacing="1" width="100%" bgcolor="#FFFFFF"><tr><td>
<font class="title"><b>{e(title)}</b></font><br>
<font class="tiny">أرسلت بواسطة <a href="modules.php?name=Your_Account&amp;op=userinfo&amp;username=admin">admin</a> في الأحد 21 مايو 2017 (153 قراءة)<br>(اقرأ المزيد عن <a href="modules.php?name=News&amp;new_topic=9">سينما</a>)</font><br><br>
<a href="modules.php?name=News&amp;new_topic=9"><img src="images/topics/cinema.gif" border="0" alt="سينما" title="سينما" align="left" hspace="10" vspace="10"></a>
<font class="content">
{body_html}
</font>
<br><br>
<center><font class="content">[ <a href="modules.php?name=News&amp;file=print&amp;sid=85268">صفحة للطباعة</a> | <a href="javascript:openwindow()">أرسل هذا المقال لصديق</a> ]</font></center>
</td></tr></table>
</td></tr></table>
<br>
<table width="100%" border="0" cellspacing="1" cellpadding="4" bgcolor="#006633"><tr><td bgcolor="#E8F0E8" align="center"><font class="content">التعليقات المنشورة تعبر عن رأي أصحابها فقط. لا توجد تعليقات حتى الآن. <a href="modules.php?name=News&amp;file=comments&amp;op=Reply&amp;pid=0&amp;sid=85268">أضف تعليقك</a></font></td></tr></table>
</td>
<td width="170" valign="top">
{blocks_left}
</td>
</tr></table>
<br>
<center><font class="footmsg">
جميع الحقوق محفوظة &copy; 2005-2017 الواحة نيوز. المقالات المنشورة تعبر عن آراء كتابها.<br>
<a href="backend.php"><img src="images/powered/rss.gif" border="0" alt="RSS"></a> &nbsp; Web site engine's code is Copyright &copy; 2003 by PHP-Nuke. All Rights Reserved.<br>
إنشاء الصفحة: 0.21 ثانية
</font></center>
</body>
</html>
"""
    return dict(
        url=url, html=doc, encoding="cp1256", http_content_type="text/html; charset=windows-1256",
        charset_declared_in="http", title=title, lang="ar", main=body,
        server=[("Server", "Apache/2.2.22 (Debian)"), ("X-Powered-By", "PHP/5.2.17"),
                ("Set-Cookie", "lang=arabic; expires=Mon, 15-Sep-2025 12:00:00 GMT; path=/")],
        source=f"ANT {src['id']} (Apache-2.0)",
        notes="PHP-Nuke-style table layout, bytes in windows-1256; the charset is only in the HTTP "
              "Content-Type header (no <meta> charset). Paragraphs are <br><br>-separated runs in "
              "<font class=\"content\">. main_text excludes the title, the 'أرسلت بواسطة' line, side "
              "blocks (menu, poll, who's online, related links), the ticker, print/send links, the "
              "comments notice and the footer.",
    )


def page_cp1256_meta():
    """A legacy ASP site in windows-1256, the charset only in <meta http-equiv>; HTTP says text/html."""
    src = ant("JA-diverse-11-20170117")
    site = "http://www.akhbar-alsaa.example"
    url = f"{site}/news/details.asp?id=76031&cat=12"
    title = " ".join(src["title"].split())
    body = paragraphs(src["text"])
    related = [("دراسة: المشي نصف ساعة يوميا يقي من أمراض القلب", 75990),
               ("ابتكار جهاز صغير لقياس السكر دون وخز", 75871),
               ("الهاتف الذكي قد يكشف الاكتئاب مبكرا", 75802)]
    related_html = "\n".join(f'<tr><td class="rel"><img src="../images/arrow.gif" width="7" height="7"> '
                             f'<a href="details.asp?id={i}&amp;cat=12">{e(t)}</a></td></tr>' for t, i in related)
    doc = f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">
<meta http-equiv="Content-Language" content="ar-sa">
<title>أخبار الساعة | {e(title)}</title>
<meta name="keywords" content="أخبار, صحة, علوم, الذكاء الاصطناعي, القلب">
<link href="../css/style.css" rel="stylesheet" type="text/css">
<script language="JavaScript" type="text/JavaScript">
<!--
function MM_swapImgRestore() {{ //v3.0
  var i,x,a=document.MM_sr; for(i=0;a&&i<a.length&&(x=a[i])&&x.oSrc;i++) x.src=x.oSrc;
}}
function MM_openBrWindow(theURL,winName,features) {{ //v2.0
  window.open(theURL,winName,features);
}}
//-->
</script>
</head>
<body dir="rtl" bgcolor="#F5F5F5" leftmargin="0" topmargin="0" marginwidth="0" marginheight="0" onLoad="MM_preloadImages('../images/menu_home_on.gif')">
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0" bgcolor="#FFFFFF">
  <tr>
    <td height="90" background="../images/header_bg.jpg"><a href="../default.asp"><img src="../images/logo.gif" alt="أخبار الساعة" width="260" height="90" border="0"></a></td>
  </tr>
  <tr>
    <td height="32" bgcolor="#8B0000" class="menu">
      <a href="../default.asp" class="menu">الرئيسية</a> | <a href="list.asp?cat=1" class="menu">محليات</a> | <a href="list.asp?cat=2" class="menu">عربي ودولي</a> | <a href="list.asp?cat=5" class="menu">اقتصاد</a> | <a href="list.asp?cat=7" class="menu">رياضة</a> | <a href="list.asp?cat=12" class="menu">صحة وعلوم</a> | <a href="../archive.asp" class="menu">الأرشيف</a> | <a href="../contact.asp" class="menu">اتصل بنا</a>
    </td>
  </tr>
  <tr>
    <td valign="top">
      <table width="100%" border="0" cellspacing="0" cellpadding="8">
        <tr>
          <td width="700" valign="top">
            <table width="100%" border="0" cellspacing="0" cellpadding="0">
              <tr><td class="path"><a href="../default.asp">الرئيسية</a> &raquo; <a href="list.asp?cat=12">صحة وعلوم</a></td></tr>
              <tr><td height="10"></td></tr>
              <tr><td class="newstitle">{e(title)}</td></tr>
              <tr><td class="newsdate">تاريخ النشر: 17/01/2017 - 10:49 &nbsp;|&nbsp; عدد القراءات: 2417</td></tr>
              <tr><td height="10"></td></tr>
              <tr>
                <td class="newstext">
                  <img src="../upload/news/76031.jpg" width="300" height="200" align="left" hspace="8" vspace="4" border="1" alt="">
{ps(body, "                  ")}
                </td>
              </tr>
              <tr><td height="10"></td></tr>
              <tr><td class="tools"><a href="javascript:MM_openBrWindow('print.asp?id=76031','print','scrollbars=yes,width=600,height=500')"><img src="../images/print.gif" border="0" align="absmiddle"> طباعة</a> &nbsp; <a href="javascript:MM_openBrWindow('send.asp?id=76031','send','width=400,height=320')"><img src="../images/mail.gif" border="0" align="absmiddle"> أرسل لصديق</a> &nbsp; <a href="#comments"><img src="../images/comment.gif" border="0" align="absmiddle"> أضف تعليقا</a></td></tr>
              <tr><td height="15"></td></tr>
              <tr><td class="boxtitle">أخبار ذات صلة</td></tr>
              <tr><td><table width="100%" border="0" cellspacing="0" cellpadding="3">
{related_html}
              </table></td></tr>
              <tr><td height="15"></td></tr>
              <tr><td class="boxtitle"><a name="comments"></a>تعليقات الزوار</td></tr>
              <tr><td>
                <table width="100%" border="0" cellspacing="1" cellpadding="5" bgcolor="#DDDDDD">
                  <tr bgcolor="#FFFFFF"><td class="cmthead">كريم - الرياض &nbsp; 17/01/2017</td></tr>
                  <tr bgcolor="#FFFFFF"><td class="cmttext">سبحان الله، التقنية تتطور بسرعة مذهلة. نتمنى أن تصل هذه البرامج إلى مستشفياتنا قريبا.</td></tr>
                </table>
                <form name="cform" method="post" action="addcomment.asp">
                <table width="100%" border="0" cellspacing="0" cellpadding="3">
                  <tr><td width="80">الاسم:</td><td><input name="name" type="text" size="30"></td></tr>
                  <tr><td>البلد:</td><td><input name="country" type="text" size="30"></td></tr>
                  <tr><td valign="top">التعليق:</td><td><textarea name="comment" cols="45" rows="5"></textarea></td></tr>
                  <tr><td></td><td><input type="hidden" name="id" value="76031"><input type="submit" value="إرسال"> <font size="1" color="#666666">التعليقات تخضع للمراجعة قبل النشر</font></td></tr>
                </table>
                </form>
              </td></tr>
            </table>
          </td>
          <td width="250" valign="top" bgcolor="#FAFAFA">
            <table width="100%" border="0" cellspacing="0" cellpadding="4">
              <tr><td class="boxtitle">الأكثر قراءة</td></tr>
              <tr><td class="side"><a href="details.asp?id=75944&amp;cat=1">ارتفاع أسعار الذهب في السوق المحلية</a></td></tr>
              <tr><td class="side"><a href="details.asp?id=75930&amp;cat=7">المنتخب يستعد لمباراته الودية</a></td></tr>
              <tr><td class="side"><a href="details.asp?id=75921&amp;cat=2">قمة عربية طارئة الأسبوع المقبل</a></td></tr>
              <tr><td height="10"></td></tr>
              <tr><td class="boxtitle">القائمة البريدية</td></tr>
              <tr><td class="side"><form method="post" action="../mlist.asp">أدخل بريدك ليصلك جديد الأخبار:<br><input name="email" type="text" size="22"><br><input type="submit" value="اشتراك"></form></td></tr>
              <tr><td align="center"><a href="../ads/click.asp?id=3" target="_blank"><img src="../ads/side250.gif" width="240" height="200" border="0"></a></td></tr>
            </table>
          </td>
        </tr>
      </table>
    </td>
  </tr>
  <tr>
    <td height="40" bgcolor="#333333" align="center" class="footer">جميع الحقوق محفوظة &copy; أخبار الساعة 2017 &nbsp;|&nbsp; تصميم وبرمجة: شركة الأفق للحلول</td>
  </tr>
</table>
</body>
</html>
"""
    return dict(
        url=url, html=doc, encoding="cp1256", http_content_type="text/html",
        charset_declared_in="meta", title=title, lang="ar", main=body,
        server=[("Server", "Microsoft-IIS/7.5"), ("X-Powered-By", "ASP.NET"), ("Cache-control", "private"),
                ("Set-Cookie", "ASPSESSIONIDQSCTRBDA=MPLKGHEBPLDGCONFJHNKAAFD; path=/")],
        source=f"ANT {src['id']} (Apache-2.0)",
        notes="Classic ASP / Dreamweaver table layout, bytes in windows-1256; the HTTP header says "
              "only 'text/html', the charset is in <meta http-equiv=\"Content-Type\"> (first element "
              "of <head>). main_text excludes the title, breadcrumb, date/reads line, print/send "
              "tools, related news, the visitor comment and form, sidebar and footer.",
    )


def page_persian():
    """A Persian personal blog (Blogfa-like template), dir=rtl."""
    src = oscar("oscar2019-unshuffled_deduplicated_fa-0")
    lines = [" ".join(l.split()) for l in src["text"].split("\n") if l.strip()]
    footer_note = lines[-1]  # the site's copyright notice: it belongs in the footer
    body = lines[:-1]
    site = "https://baran-shab.blogfa.example"
    url = f"{site}/post/27"
    title = "قدم زدن زیر بارون"
    doc = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" dir="rtl" lang="fa">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{e(title)} - شب‌های بارانی</title>
<meta name="description" content="دلنوشته‌های یک دانشجو" />
<meta name="generator" content="blogfa" />
<link rel="alternate" type="application/rss+xml" title="شب‌های بارانی" href="{site}/rss" />
<style type="text/css">
body {{ background: #e9eef2; font: 12px Tahoma, Arial; color: #333; direction: rtl; }}
.wrapper {{ width: 900px; margin: 0 auto; background: #fff; }}
.post {{ padding: 15px; border-bottom: 1px dashed #ccc; }} .posttitle {{ font-weight: bold; font-size: 15px; color: #336699; }}
.sidebar {{ width: 220px; float: left; }} .content {{ width: 640px; float: right; }}
</style>
</head>
<body>
<div class="wrapper">
<div class="header"><h1><a href="{site}/">شب‌های بارانی</a></h1><div class="desc">دلنوشته‌های یک دانشجو</div></div>
<div class="menu"><a href="{site}/">صفحه اصلی</a> | <a href="https://blogfa.example/profile/baran-shab">پروفایل</a> | <a href="{site}/archive">آرشیو</a> | <a href="https://blogfa.example/Desktop/Mail/?baran-shab">تماس با من</a></div>
<div class="content">
<div class="post">
<div class="posttitle"><a href="{site}/post/27">{e(title)}</a></div>
<div class="postcontent">
{ps(body)}
</div>
<div class="postdetails">نوشته شده در پنجشنبه ۱۹ بهمن ۱۳۹۶ساعت ۲۳:۴۵ توسط باران | <a href="{site}/post/27#comments">نظرات (۳)</a> | <a href="https://blogfa.example/Desktop/Post.aspx?blogid=baran-shab&amp;postid=27">لینک ثابت</a></div>
</div>
<div class="navigation"><a href="{site}/post/26">&laquo; مطلب قبلی</a> &nbsp; <a href="{site}/post/28">مطلب بعدی &raquo;</a></div>
</div>
<div class="sidebar">
<div class="box"><div class="boxtitle">درباره من</div><div class="boxbody"><img src="https://blogfa.example/images/user/baran-shab.jpg" width="100" height="100" alt="" /><br />دانشجوی ادبیات، عاشق بارون و کتاب.</div></div>
<div class="box"><div class="boxtitle">آرشیو</div><div class="boxbody"><a href="{site}/1396/11">بهمن ۱۳۹۶</a><br /><a href="{site}/1396/10">دی ۱۳۹۶</a><br /><a href="{site}/1396/09">آذر ۱۳۹۶</a><br /><a href="{site}/1396/08">آبان ۱۳۹۶</a></div></div>
<div class="box"><div class="boxtitle">پیوندها</div><div class="boxbody"><a href="https://dastan-kootah.blogfa.example" target="_blank">داستان کوتاه</a><br /><a href="https://sher-nab.blogfa.example" target="_blank">شعر ناب</a><br /><a href="https://ketabkhan.blogfa.example" target="_blank">کتاب‌خوان</a></div></div>
<div class="box"><div class="boxtitle">آمار</div><div class="boxbody">بازدید امروز: ۴۷<br />بازدید کل: ۱۲۸۰۳</div></div>
</div>
<div style="clear: both"></div>
<div class="footer">{e(footer_note)}<br />طراح قالب: <a href="https://blogfa.example/templates">قالب‌های بلاگفا</a> | <a href="https://blogfa.example" target="_blank">ساخت وبلاگ در بلاگفا</a></div>
</div>
<script type="text/javascript" src="https://blogfa.example/js/stat.js?v=3"></script>
</body>
</html>
"""
    return dict(
        url=url, html=doc, encoding="utf-8", http_content_type="text/html; charset=utf-8",
        charset_declared_in="http+meta", title=title, lang="fa", main=body,
        server=[("Server", "Microsoft-IIS/10.0"), ("X-Powered-By", "ASP.NET")],
        source=f"OSCAR-2019 {src['id']} (CC0 packaging); title written for ghirbal",
        notes="Persian (fa, dir=rtl) personal blog, Blogfa-like template. main_text: the post's 4 "
              "paragraphs (OSCAR lines 1-4); the OSCAR excerpt's last line, a site copyright notice, "
              "is placed in the footer and excluded, with the menu, post details, navigation and sidebar.",
    )


PAGES = [page_wordpress, page_blogger, page_forum, page_listing, page_cp1256_http,
         page_cp1256_meta, page_persian, page_english]


# ---------------------------------------------------------------------------------------------
# WARC writing
# ---------------------------------------------------------------------------------------------

def record_id(kind, url):
    return f"<urn:uuid:{uuid.uuid5(ID_NAMESPACE, kind + ' ' + url)}>"


def digest(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def warc_date(seq):
    return f"{CRAWL_DAY}T12:{seq // 60:02d}:{seq % 60:02d}Z"


def http_date(seq):
    return f"{HTTP_DAY} 12:{seq // 60:02d}:{seq % 60:02d} GMT"


def record(fields, block):
    head = "WARC/1.1\r\n"
    names = [k for k, _ in fields]
    for k, v in fields:
        head += f"{k}: {v}\r\n"
        if k == "WARC-Record-ID" and "Content-Length" not in names:
            head += f"Content-Length: {len(block)}\r\n"
    head += "\r\n"
    return gzip.compress(head.encode("utf-8") + block + b"\r\n\r\n", compresslevel=9, mtime=0)


def http_request(url):
    u = urllib.parse.urlsplit(url)
    path = u.path + ("?" + u.query if u.query else "")
    return (f"GET {path} HTTP/1.1\r\nHost: {u.netloc}\r\n"
            "User-Agent: ghirbal-sample/1.0 (+https://ghirbal.example/bot)\r\n"
            "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
            "Accept-Language: ar,en;q=0.7\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n"
            ).encode("ascii")


def http_response(status, content_type, payload, seq, extra=()):
    head = f"HTTP/1.1 {status}\r\nDate: {http_date(seq)}\r\n"
    for k, v in extra:
        head += f"{k}: {v}\r\n"
    head += f"Content-Type: {content_type}\r\nContent-Length: {len(payload)}\r\nConnection: close\r\n\r\n"
    return head.encode("ascii") + payload


class Writer:
    def __init__(self):
        self.members = []
        self.truth = []
        self.seq = 0
        self.warcinfo_id = record_id("warcinfo", "pages.warc.gz")
        self.ip = 10

    def tick(self):
        self.seq += 1
        return self.seq

    def warcinfo(self):
        block = (
            "software: sample/make_pages_warc.py (ghirbal)\r\n"
            "format: WARC File Format 1.1\r\n"
            "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
            "description: HTML pages written for ghirbal in imitation of common Arabic site markup; "
            "article text from the ANT corpus (Apache-2.0) and OSCAR-2019 excerpts (CC0). "
            "Sites and people are invented.\r\n"
            "isPartOf: ghirbal-sample\r\n"
            "robots: classic\r\n"
        ).encode("utf-8")
        self.members.append(record([
            ("WARC-Type", "warcinfo"), ("WARC-Date", warc_date(0)), ("WARC-Filename", "pages.warc.gz"),
            ("WARC-Record-ID", self.warcinfo_id), ("Content-Type", "application/warc-fields"),
        ], block))

    def exchange(self, url, status, content_type, payload, extra=(), kind_url=None):
        """A request record and its response record; returns (response id, date, payload digest)."""
        seq = self.tick()
        date = warc_date(seq)
        key = kind_url or url
        req_id, resp_id = record_id("request", key), record_id("response", key)
        self.ip += 1
        ip = f"203.0.113.{self.ip}"
        req = http_request(url)
        self.members.append(record([
            ("WARC-Type", "request"), ("WARC-Date", date), ("WARC-Record-ID", req_id),
            ("Content-Type", "application/http; msgtype=request"), ("WARC-Warcinfo-ID", self.warcinfo_id),
            ("WARC-IP-Address", ip), ("WARC-Target-URI", url), ("WARC-Block-Digest", digest(req)),
        ], req))
        resp = http_response(status, content_type, payload, seq, extra)
        fields = [
            ("WARC-Type", "response"), ("WARC-Date", date), ("WARC-Record-ID", resp_id),
            ("Content-Type", "application/http; msgtype=response"), ("WARC-Warcinfo-ID", self.warcinfo_id),
            ("WARC-Concurrent-To", req_id), ("WARC-IP-Address", ip), ("WARC-Target-URI", url),
            ("WARC-Payload-Digest", digest(payload)), ("WARC-Block-Digest", digest(resp)),
        ]
        ident = content_type.split(";")[0].strip()
        fields.append(("WARC-Identified-Payload-Type", ident))
        self.members.append(record(fields, resp))
        return resp_id, date, digest(payload)

    def page(self, p):
        payload = p["html"].encode(p["encoding"])  # strict: the page really is in this encoding
        resp_id, date, pdig = self.exchange(p["url"], "200 OK", p["http_content_type"], payload, p["server"])
        self.truth.append({
            "url": p["url"], "record_id": resp_id.strip("<>"), "warc_type": "response", "expected": "document",
            "main_text": "\n".join(p["main"]), "title": p["title"], "lang": p["lang"],
            "charset": p["encoding"], "charset_declared_in": p["charset_declared_in"],
            "source": p["source"], "notes": p["notes"],
        })
        return resp_id, date, pdig

    def skipped(self, url, rid, warc_type, reason, notes):
        self.truth.append({
            "url": url, "record_id": rid.strip("<>"), "warc_type": warc_type, "expected": f"skipped:{reason}",
            "main_text": None, "title": None, "lang": None, "charset": None, "charset_declared_in": None,
            "source": "written for ghirbal", "notes": notes,
        })


def tiny_png():
    """A valid 2x2 PNG (RGB), a few dozen bytes."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + bytes([0xB2, 0x23, 0x2A]) * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


NOT_FOUND_HTML = """<!DOCTYPE html>
<html dir="rtl" lang="ar">
<head>
<meta charset="UTF-8" />
<title>الصفحة غير موجودة &#8211; صدى المدينة</title>
<meta name="robots" content="noindex, follow" />
</head>
<body id="tie-body" class="rtl error404">
<div id="content" class="site-content container"><div class="main-content" role="main">
<div class="container-wrapper page-not-found"><div id="error-404">
<h2 class="page-title">404 :(</h2>
<h3 class="page-description">عذراً، الصفحة التي تبحث عنها غير موجودة. ربما تم نقلها أو حذفها.</h3>
<div id="page-not-found-search" class="search-widget"><form role="search" method="get" class="search-form" action="https://sada-almadina.example/"><label><span class="screen-reader-text">البحث عن:</span><input type="search" class="search-field" placeholder="بحث &hellip;" value="" name="s" /></label><input type="submit" class="search-submit" value="بحث" /></form></div>
<p><a href="https://sada-almadina.example/">العودة إلى الصفحة الرئيسية</a></p>
</div></div>
</div></div>
</body>
</html>
"""


def extras(w, first):
    """The records a crawl holds besides pages: metadata, a 404, an image and a revisit."""
    url, resp_id, date, pdig, payload_len = first
    # metadata about the first page's fetch, as Common Crawl writes it (same date as the response)
    block = ("fetchTimeMs: 412\r\n"
             "charset-detected: UTF-8\r\n"
             'languages-cld2: {"reliable":true,"text-bytes":5120,"languages":[{"code":"ar","code-iso-639-3":"ara","text-covered":0.97,"score":1580.0,"name":"ARABIC"}]}\r\n'
             ).encode("utf-8")
    mid = record_id("metadata", url)
    w.members.append(record([
        ("WARC-Type", "metadata"), ("WARC-Date", date), ("WARC-Record-ID", mid),
        ("Content-Type", "application/warc-fields"), ("WARC-Warcinfo-ID", w.warcinfo_id),
        ("WARC-Concurrent-To", resp_id), ("WARC-Refers-To", resp_id), ("WARC-Target-URI", url),
        ("WARC-Block-Digest", digest(block)),
    ], block))
    w.skipped(url, mid, "metadata", "metadata", "Crawler metadata (fetch time, detected charset and "
              "languages) about the WordPress article's response.")

    # a 404 whose body is an HTML error page
    u404 = "https://sada-almadina.example/2016/12/05/%D8%B1%D8%A7%D8%A8%D8%B7-%D9%82%D8%AF%D9%8A%D9%85/"
    rid, _, _ = w.exchange(u404, "404 Not Found", "text/html; charset=UTF-8", NOT_FOUND_HTML.encode("utf-8"),
                           [("Server", "LiteSpeed"), ("X-Powered-By", "PHP/7.4.33"),
                            ("Cache-Control", "no-cache, must-revalidate, max-age=0")])
    w.skipped(u404, rid, "response", "http_status", "HTTP 404 with a text/html error page (WordPress "
              "theme's 'page not found'): not a document however much HTML it holds.")

    # an image
    upng = "https://sada-almadina.example/wp-content/uploads/2016/05/favicon-32x32.png"
    rid, _, _ = w.exchange(upng, "200 OK", "image/png", tiny_png(),
                           [("Server", "LiteSpeed"), ("Last-Modified", "Tue, 10 May 2016 08:00:00 GMT"),
                            ("Accept-Ranges", "bytes"), ("Cache-Control", "public, max-age=31536000")])
    w.skipped(upng, rid, "response", "not_html", "HTTP 200 image/png (a 2x2 PNG): not HTML.")

    # the first page fetched again, unchanged: a revisit record (identical payload digest profile)
    seq = w.tick()
    rdate = warc_date(seq)
    req = http_request(url)
    req_id = record_id("request-revisit", url)
    w.members.append(record([
        ("WARC-Type", "request"), ("WARC-Date", rdate), ("WARC-Record-ID", req_id),
        ("Content-Type", "application/http; msgtype=request"), ("WARC-Warcinfo-ID", w.warcinfo_id),
        ("WARC-IP-Address", "203.0.113.11"), ("WARC-Target-URI", url), ("WARC-Block-Digest", digest(req)),
    ], req))
    head = (f"HTTP/1.1 200 OK\r\nDate: {http_date(seq)}\r\nServer: LiteSpeed\r\n"
            f"Content-Type: text/html; charset=UTF-8\r\nContent-Length: {payload_len}\r\n"
            "Connection: close\r\n\r\n").encode("ascii")
    vid = record_id("revisit", url)
    w.members.append(record([
        ("WARC-Type", "revisit"), ("WARC-Date", rdate), ("WARC-Record-ID", vid),
        ("Content-Type", "application/http; msgtype=response"), ("WARC-Warcinfo-ID", w.warcinfo_id),
        ("WARC-Concurrent-To", req_id), ("WARC-IP-Address", "203.0.113.11"), ("WARC-Target-URI", url),
        ("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"),
        ("WARC-Refers-To", resp_id), ("WARC-Refers-To-Target-URI", url), ("WARC-Refers-To-Date", date),
        ("WARC-Payload-Digest", pdig), ("WARC-Block-Digest", digest(head)),
    ], head))
    w.skipped(url, vid, "revisit", "revisit", "The WordPress article fetched again with an identical "
              "payload: HTTP headers only, the page is the earlier response record.")


def main():
    w = Writer()
    w.warcinfo()
    first = None
    for build in PAGES:
        p = build()
        n = words(p["main"])
        print(f"{p['lang']:3} {p['encoding']:7} {n:4} words  {urllib.parse.unquote(p['url'])}", file=sys.stderr)
        resp_id, date, pdig = w.page(p)
        if first is None:
            first = (p["url"], resp_id, date, pdig, len(p["html"].encode(p["encoding"])))
    extras(w, first)
    with open(OUT_WARC, "wb") as f:
        for m in w.members:
            f.write(m)
    with open(OUT_TRUTH, "w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join(json.dumps(t, ensure_ascii=False) for t in w.truth) + "\n]\n")
    verify()


def verify():
    """Reads pages.warc.gz back, one gzip member at a time, and checks every record."""
    data = open(OUT_WARC, "rb").read()
    truth = json.load(open(OUT_TRUTH, encoding="utf-8"))
    pos, records, kinds = 0, {}, {}
    while pos < len(data):
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        rec = d.decompress(data[pos:]) + d.flush()
        assert d.eof, f"gzip member at {pos} is truncated"
        start, pos = pos, len(data) - len(d.unused_data)
        head, sep, rest = rec.partition(b"\r\n\r\n")
        assert sep, f"member at {start}: no end of header"
        lines = head.decode("utf-8").split("\r\n")
        assert lines[0] == "WARC/1.1", (start, lines[0])
        f = dict(line.split(": ", 1) for line in lines[1:])
        for k in ("WARC-Type", "WARC-Date", "WARC-Record-ID", "Content-Length", "Content-Type"):
            assert k in f, (start, k)
        n = int(f["Content-Length"])
        block = rest[:n]
        assert len(block) == n and rest[n:] == b"\r\n\r\n", f"member at {start}: wrong Content-Length"
        assert f.get("WARC-Block-Digest", digest(block)) == digest(block), (start, "block digest")
        rid = f["WARC-Record-ID"]
        assert re.fullmatch(r"<urn:uuid:[0-9a-f-]{36}>", rid) and rid not in records, rid
        records[rid] = f
        kinds[f["WARC-Type"]] = kinds.get(f["WARC-Type"], 0) + 1
        if f["WARC-Type"] in ("response", "revisit"):
            h, _, body = block.partition(b"\r\n\r\n")
            hf = {k.lower(): v for k, v in (x.split(": ", 1) for x in h.decode("ascii").split("\r\n")[1:])}
            if f["WARC-Type"] == "response":
                assert int(hf["content-length"]) == len(body), (start, "HTTP Content-Length")
                assert f["WARC-Payload-Digest"] == digest(body), (start, "payload digest")
    assert list(kinds) == ["warcinfo", "request", "response", "metadata", "revisit"], kinds
    want = {r.strip("<>") for r, f in records.items() if f["WARC-Type"] in ("response", "metadata", "revisit")}
    assert want == {t["record_id"] for t in truth} and len(truth) == len(want), "truth does not match the records"
    for t in truth:
        f = records["<" + t["record_id"] + ">"]
        assert f["WARC-Target-URI"] == t["url"] and f["WARC-Type"] == t["warc_type"], t["url"]
        assert (t["expected"] == "document") == (t["main_text"] is not None), t["url"]
    docs = sum(t["expected"] == "document" for t in truth)
    print(f"{OUT_WARC}: {len(records)} records, {len(records)} gzip members, {len(data)} bytes, "
          f"checked; {kinds}", file=sys.stderr)
    print(f"{OUT_TRUTH}: {len(truth)} records ({docs} documents, {len(truth) - docs} skipped)", file=sys.stderr)


if __name__ == "__main__":
    main()
