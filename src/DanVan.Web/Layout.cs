using System.Net;

namespace DanVan.Web;

/// <summary>The portal's page frame: plain HTML, readable on a commune office's old screen, no scripts needed.</summary>
internal static class Layout
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static Microsoft.AspNetCore.Http.IResult Html(string html, int status = 200) =>
        Microsoft.AspNetCore.Http.Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    public static string Page(string title, string body) => $$"""
        <!doctype html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}} — DanVan</title>
        <style>
          body { font-family: "Times New Roman", serif; margin: 0; color: #1b1b1b; background: #f6f6f2; }
          header { background: #8b1a1a; color: #fff; padding: 12px 24px; }
          header a { color: #fff; text-decoration: none; font-weight: bold; }
          main { max-width: 1100px; margin: 0 auto; padding: 16px 24px; background: #fff; }
          h1 { font-size: 1.5em; }
          table { border-collapse: collapse; width: 100%; margin: 12px 0; }
          th, td { border: 1px solid #bbb; padding: 4px 8px; text-align: left; vertical-align: top; }
          th { background: #eee; }
          td.num { text-align: right; }
          .late { background: #fff3cd; }
          .missing { background: #fde2e2; }
          .ok { color: #1d6b2f; }
          .bad { color: #a01818; }
          .button { display: inline-block; padding: 6px 12px; background: #8b1a1a; color: #fff; text-decoration: none; border-radius: 4px; }
        </style>
        </head>
        <body>
        <header><a href="/">DanVan — Báo cáo công tác dân vận</a></header>
        <main>
        <h1>{{E(title)}}</h1>
        {{body}}
        </main>
        </body>
        </html>
        """;
}
