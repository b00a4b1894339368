using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Registry;
using DanVan.Core.Templates;
using DanVan.Pipeline;
using DanVan.Pipeline.Access;
using DanVan.Pipeline.Azurite;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Bench;

/// <summary>
/// Issue #15, the deadline rush: <c>danvan serve</c> as a child process over its own Azurite (127.0.0.1 only), and
/// N clerks spread over a time span, each through the portal's HTTP endpoints only: sign in with its key
/// (antiforgery token from the form), download the template, fill it, upload, poll until the answer. 10% of the
/// files are bad (a word in a number cell), 10% of the clerks send a correction afterwards. Bounded: N clerks,
/// each answer waited for at most 2 minutes, the whole rush at most its span + 5 minutes.
/// </summary>
public sealed partial class RushBench(int clerks, TimeSpan span, TextWriter log)
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromMinutes(2);

    public async Task<RushResult> RunAsync(CancellationToken ct)
    {
        await using var azurite = await AzuriteLauncher.StartAsync(logger: AzuriteLog.Logger, cancellationToken: ct);
        var reference = ReferenceData.Default;
        var now = DateTimeOffset.UtcNow;
        var period = OpenQuarter(reference.Calendar, now);
        var rp = reference.Calendar.Get(period);
        var units = reference.Registry.ExpectedFor(rp).Where(u => u.Level != UnitLevel.Tinh).ToArray();
        // One key per clerk (a unit may have several clerks when the registry has fewer units than clerks).
        var secrets = new string[clerks];
        var unitOf = new ReportingUnit[clerks];
        await using (var services = BenchServices.Build(azurite.ConnectionString, reference.Registry, TimeProvider.System))
        {
            await services.GetRequiredService<DanVan.Pipeline.Storage.DanVanStorage>().EnsureCreatedAsync(ct);
            var keys = services.GetRequiredService<AccessKeyStore>();
            for (var i = 0; i < clerks; i++)
            {
                unitOf[i] = units[i % units.Length];
                secrets[i] = (await keys.IssueAsync(AccessRole.Agency, unitOf[i].Code, "bench rush " + i, ct)).Secret;
            }
        }
        await using var serve = await ServeProcess.StartAsync(azurite.ConnectionString, ct);
        log.WriteLine($"rush: danvan serve at {serve.Url} (pid {serve.Pid}); {clerks} clerks over {span.TotalSeconds:F0} s, period {period}, {units.Length} units");

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(span + TimeSpan.FromMinutes(5));
        var samples = new List<ClerkSample>();
        var errors = new List<string>();
        var started = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clerks).Select(async i =>
        {
            // Spread evenly over the span; deterministic choices (every tenth file bad, every tenth clerk corrects).
            await Task.Delay(TimeSpan.FromTicks(span.Ticks * i / Math.Max(1, clerks)), deadline.Token);
            try
            {
                var done = await ClerkAsync(serve.Url, secrets[i], unitOf[i], period, bad: i % 10 == 3, correct: i % 10 == 7, i, deadline.Token);
                lock (samples)
                {
                    samples.AddRange(done);
                }
            }
            catch (Exception ex)
            {
                lock (errors)
                {
                    errors.Add($"clerk {i} ({unitOf[i].Code}): {ex.GetType().Name}: {ex.Message}");
                }
            }
        }).ToArray();
        await Task.WhenAll(tasks);
        started.Stop();
        var peak = serve.PeakMemoryMiB;
        var answers = new Stats(samples.Select(s => s.AnswerMs));
        var signIn = new Stats(samples.Where(s => s.SignInMs > 0).Select(s => s.SignInMs));
        var template = new Stats(samples.Where(s => s.TemplateMs > 0).Select(s => s.TemplateMs));
        var accepted = samples.Count(s => s.Outcome == "accepted");
        var rejected = samples.Count(s => s.Outcome == "rejected");
        var wrong = samples.Count(s => s.Outcome != (s.Bad ? "rejected" : "accepted"));
        foreach (var e in errors.Take(10))
        {
            log.WriteLine("rush: error: " + e);
        }
        log.WriteLine($"rush: {samples.Count} answers from {clerks} clerks in {started.Elapsed.TotalSeconds:F0} s; time to the answer p50 {answers.P50:F0} ms, p95 {answers.P95:F0} ms, max {answers.Max:F0} ms; " +
            $"sign-in p50 {signIn.P50:F0} ms, template p50 {template.P50:F0} ms; {accepted} accepted, {rejected} rejected, {wrong} unexpected outcomes; {errors.Count} errors; serve peak {peak:F0} MiB");
        return new RushResult(clerks, Stats.Round(span.TotalSeconds), period.ToString(), samples.Count, accepted, rejected, wrong, errors.Count, errors.Take(20).ToList(),
            answers.Summary(), signIn.Summary(), template.Summary(), Stats.Round(started.Elapsed.TotalSeconds), Stats.Round(peak));
    }

    /// <summary>The quarter clerks upload for today: the current one, or the previous one while it is still open.</summary>
    private static PeriodKey OpenQuarter(ReportingCalendar calendar, DateTimeOffset now)
    {
        var current = calendar.QuarterOf(DateOnly.FromDateTime(now.UtcDateTime));
        var previous = current.PreviousQuarter;
        return calendar.Get(previous).IsClosed(now) ? current : previous;
    }

    private static async Task<List<ClerkSample>> ClerkAsync(Uri portal, string secret, ReportingUnit unit, PeriodKey period, bool bad, bool correct, int seed, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseProxy = false };
        using var http = new HttpClient(handler) { BaseAddress = portal, Timeout = TimeSpan.FromMinutes(2) };
        var sw = Stopwatch.StartNew();
        var token = Token(await GetTextAsync(http, "dang-nhap", ct));
        using (var signIn = await http.PostAsync("dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = secret, ["__dv"] = token, ["tiep"] = "/" }), ct))
        {
            if (signIn.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found))
            {
                throw new InvalidOperationException($"sign-in answered {(int)signIn.StatusCode}");
            }
        }
        var home = await GetTextAsync(http, "", ct);
        token = Token(home);
        var signInMs = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        using var templateResponse = await http.GetAsync("bieu-mau/" + period, ct);
        Ensure(templateResponse, "template");
        var blank = await templateResponse.Content.ReadAsByteArrayAsync(ct);
        var templateMs = sw.Elapsed.TotalMilliseconds;

        var samples = new List<ClerkSample>();
        var (answerMs, outcome) = await UploadAsync(http, token, unit, period, Fill(blank, 10 + seed % 50, bad), ct);
        samples.Add(new ClerkSample(signInMs, templateMs, answerMs, outcome, bad));
        if (correct)
        {
            var (again, outcome2) = await UploadAsync(http, token, unit, period, Fill(blank, 60 + seed % 30, bad: false), ct);
            samples.Add(new ClerkSample(0, 0, again, outcome2, false));
        }
        return samples;
    }

    private static async Task<(double AnswerMs, string Outcome)> UploadAsync(HttpClient http, string token, ReportingUnit unit, PeriodKey period, byte[] file, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__dv" },
            { new StringContent(unit.Code), "unit" },
            { new StringContent(period.ToString()), "period" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(content, "file", "bao-cao.xlsx");
        using var request = new HttpRequestMessage(HttpMethod.Post, "gui-bao-cao") { Content = form };
        request.Headers.Accept.ParseAdd("application/json");
        using var posted = await http.SendAsync(request, ct);
        if (posted.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"upload answered {(int)posted.StatusCode}: {Clip(await posted.Content.ReadAsStringAsync(ct))}");
        }
        var status = JsonDocument.Parse(await posted.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("status").GetString()!;
        while (true)
        {
            if (sw.Elapsed > AnswerTimeout)
            {
                throw new TimeoutException($"no answer within {AnswerTimeout.TotalSeconds:F0} s");
            }
            using var answer = await http.GetAsync(status.TrimStart('/') + (status.Contains('?') ? "&" : "?") + "manh=1", ct);
            if (answer.StatusCode == HttpStatusCode.OK)
            {
                var html = await answer.Content.ReadAsStringAsync(ct);
                // The answer's words (SubmissionOutcome.Vi).
                var outcome = html.Contains("không được tiếp nhận", StringComparison.OrdinalIgnoreCase) ? "rejected"
                    : html.Contains("lỗi hệ thống", StringComparison.OrdinalIgnoreCase) ? "system-error"
                    : html.Contains("đã tiếp nhận", StringComparison.OrdinalIgnoreCase) ? "accepted" : "unknown";
                return (sw.Elapsed.TotalMilliseconds, outcome);
            }
            if (answer.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"status answered {(int)answer.StatusCode}");
            }
            await Task.Delay(200, ct);
        }
    }

    /// <summary>The downloaded template filled as a clerk would; a bad file has a word in a number cell.</summary>
    private static byte[] Fill(byte[] template, long value, bool bad)
    {
        using var wb = new XLWorkbook(new MemoryStream(template));
        var first = true;
        foreach (var indicator in CatalogueSet.Default.Latest.Inputs)
        {
            if (!wb.NamedRanges.TryGetValue(TemplateNames.ForIndicator(indicator.Code), out var named))
            {
                continue;
            }
            var cell = named.Ranges.First().FirstCell();
            if (indicator.IsNumeric)
            {
                if (bad && first)
                {
                    cell.SetValue("khoảng mười");
                    first = false;
                }
                else
                {
                    cell.Value = value;
                }
            }
            else
            {
                cell.SetValue(ReportFiles.Narrative);
            }
        }
        using var output = new MemoryStream();
        wb.SaveAs(output);
        return output.ToArray();
    }

    private static async Task<string> GetTextAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        Ensure(response, "GET /" + path);
        return await response.Content.ReadAsStringAsync(ct);
    }

    private static void Ensure(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}");
        }
    }

    private static string Token(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups["v"].Value)
        : throw new InvalidOperationException("no antiforgery token in the page");

    private static string Clip(string text) => text.Length > 200 ? text[..200] : text;

    [GeneratedRegex("""<input[^>]*name="__dv"[^>]*value="(?<v>[^"]+)"|<input[^>]*value="(?<v>[^"]+)"[^>]*name="__dv" """, RegexOptions.ExplicitCapture)]
    private static partial Regex TokenPattern();
}

public sealed record ClerkSample(double SignInMs, double TemplateMs, double AnswerMs, string Outcome, bool Bad);

public sealed record RushResult(
    int Clerks, double SpanSeconds, string Period, int Answers, int Accepted, int Rejected, int UnexpectedOutcomes, int Errors, IReadOnlyList<string> ErrorSamples,
    StatsSummary TimeToAnswer, StatsSummary SignIn, StatsSummary Template, double WallSeconds, double ServePeakMiB);

/// <summary><c>danvan serve --port 0 --storage …</c> from the danvan.dll beside this program; its address from its console.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private const string UrlPrefix = "Cổng thông tin DanVan: ";
    private readonly Process _process;
    private long _peakKb;

    private ServeProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public int Pid => _process.Id;

    /// <summary>The serve process's peak resident memory (VmHWM, Linux), in MiB; 0 elsewhere.</summary>
    public double PeakMemoryMiB
    {
        get
        {
            try
            {
                var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                if (line is not null && long.TryParse(line[6..].Trim().Split(' ')[0], out var kb))
                {
                    _peakKb = Math.Max(_peakKb, kb);
                }
            }
            catch (IOException)
            {
                // Exited: the last sample stands.
            }
            return _peakKb / 1024.0;
        }
    }

    public static async Task<ServeProcess> StartAsync(string storage, CancellationToken ct)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "danvan.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var a in new[] { dll, "serve", "--port", "0", "--storage", storage })
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment.Remove("DANVAN_STORAGE");
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start danvan serve.");
        var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tail = new Queue<string>();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 50)
                {
                    tail.Dequeue();
                }
            }
            var at = line.IndexOf(UrlPrefix, StringComparison.Ordinal);
            if (at >= 0)
            {
                url.TrySetResult(line[(at + UrlPrefix.Length)..].Trim());
            }
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var first = await Task.WhenAny(url.Task, process.WaitForExitAsync(ct), Task.Delay(TimeSpan.FromMinutes(2), ct));
        if (first != url.Task)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            string text;
            lock (tail)
            {
                text = string.Join('\n', tail);
            }
            throw new InvalidOperationException("danvan serve printed no address:\n" + text);
        }
        var address = await url.Task;
        return new ServeProcess(process, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Ctrl+C equivalent first (stdin closed), then the tree.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
