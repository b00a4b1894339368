using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using DanVan.Host.Cli;
using DanVan.Host.SelfHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DanVan.Host.Verbs;

/// <summary>`danvan serve`: everything locally — Azurite (when no connection string), triggers, schedules, portal.</summary>
public sealed class ServeVerb : IVerb
{
    private readonly Option<string> _port = new("--port") { HelpName = "SỐ", Description = "cổng của cổng thông tin; 0 chọn một cổng trống; mặc định 8080 (hoặc một cổng trống nếu 8080 đang bận)" };
    private readonly Option<string> _storage = new("--storage")
    {
        HelpName = "CHUỖI",
        Description = $"chuỗi kết nối kho lưu trữ; mặc định lấy từ biến môi trường {StorageOption.EnvironmentVariable}, không có thì tự chạy Azurite",
    };
    private readonly Option<bool> _quiet = new("--quiet") { Description = "không in nhật ký xử lý ra màn hình" };
    private readonly Option<bool> _noDemo = new("--no-demo") { Description = "không nạp dữ liệu mẫu khi kho lưu trữ cục bộ còn trống (dữ liệu mẫu không bao giờ được nạp khi có --storage)" };

    public Command Command => field ??= new Command("serve", "chạy toàn bộ hệ thống trên máy này: kho lưu trữ (Azurite), bộ xử lý, lịch tổng hợp, cổng thông tin")
    {
        _port, _storage, _quiet, _noDemo,
    };

    public async Task<int> RunAsync(ParseResult parse, VerbConsole console, CancellationToken cancellationToken)
    {
        var portText = parse.GetValue(_port);
        var port = 8080;
        if (portText is not null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535))
        {
            throw new UsageException($"Cổng '{portText}' không hợp lệ.");
        }
        if (portText is null && !PortIsFree(port))
        {
            port = 0;
        }
        // SIGTERM (systemctl, docker, CI), SIGINT (Ctrl+C) and SIGQUIT all stop the server the same way: the host and
        // its Azurite are disposed before the process exits with 0. Without this SIGTERM only stopped the web host.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = new SignalStop(stop);
        var storage = parse.GetValue(_storage);
        // The self-host's triggers (WebJobs SDK) are wired to a connection string; an Azure account is served by the Functions app.
        if ((storage ?? Environment.GetEnvironmentVariable(StorageOption.EnvironmentVariable)) is { } given && !string.IsNullOrWhiteSpace(given)
            && StorageOption.Parse(given) is StorageTarget.Account)
        {
            throw new UsageException("danvan serve chỉ chạy với Azurite hoặc một chuỗi kết nối. Tài khoản lưu trữ Azure (khóa tài khoản bị tắt) do ứng dụng Azure Functions phục vụ: xem docs/deploy-azure.md. Các lệnh khác (keys, status, submit…) nhận --storage TÊN_TÀI_KHOẢN.");
        }
        var progress = new Progress<string>(m => console.Out.WriteLine(m));
        ServeHost started;
        try
        {
            started = await ServeHost.StartAsync(new ServeOptions
            {
                StorageConnectionString = storage,
                Port = port,
                AzuriteDataFolder = storage is null ? Path.Combine(RepoRoot(), ".azurite") : null,
                Progress = progress,
                ConsoleLogs = !parse.GetValue(_quiet),
            }, stop.Token);
        }
        catch (OptionsValidationException ex)
        {
            // A bad setting (appsettings.json or DanVan__… environment variables): say which, without a stack trace.
            await console.Error.WriteLineAsync("Cấu hình không hợp lệ, hệ thống không khởi động: " + string.Join(" ", ex.Failures));
            return ExitCodes.Refused;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped while starting: StartAsync has already stopped what it started.
            await console.Out.WriteLineAsync("Đã dừng trước khi khởi động xong.");
            return ExitCodes.Done;
        }
        await using var host = started;
        // The host may also stop itself (its own signal handling, a fatal error): end the verb then too.
        using var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(stop.Cancel);
        // The demo: only on the local Azurite this verb started (never on a given storage), and only when it is empty.
        if (storage is null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(StorageOption.EnvironmentVariable)) && !parse.GetValue(_noDemo))
        {
            var demo = await DemoSeeder.SeedIfEmptyAsync(host.Services, progress, stop.Token);
            if (demo is not null)
            {
                await console.Out.WriteLineAsync("Mã truy cập mẫu (chỉ hiện một lần này; đăng nhập tại /dang-nhap):");
                foreach (var k in demo)
                {
                    await console.Out.WriteLineAsync($"  {k.Label,-22} {k.Secret}");
                }
            }
        }
        await console.Out.WriteLineAsync($"Cổng thông tin DanVan: {host.Url}");
        await console.Out.WriteLineAsync($"Thả tệp báo cáo vào vùng chứa 'uploads' theo đường dẫn MÃ_ĐƠN_VỊ/KỲ/tên-tệp.xlsx, hoặc dùng: danvan submit TỆP --unit MÃ --storage \"{host.ConnectionString}\"");
        await console.Out.WriteLineAsync("Cấp mã truy cập cho đơn vị: danvan keys issue --role agency --unit MÃ (thêm --storage như trên).");
        await console.Out.WriteLineAsync("Nhấn Ctrl+C để dừng.");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            await console.Out.WriteLineAsync("Đang dừng…");
        }
        return ExitCodes.Done;
    }

    /// <summary>Turns the stop signals into a cancellation instead of the runtime's immediate exit.</summary>
    private sealed class SignalStop : IDisposable
    {
        private readonly PosixSignalRegistration[] _registrations;

        public SignalStop(CancellationTokenSource stop)
        {
            void Handle(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }
            _registrations = [
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
                PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
                PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Handle),
            ];
        }

        public void Dispose()
        {
            foreach (var registration in _registrations)
            {
                registration.Dispose();
            }
        }
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            l.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static string RepoRoot()
    {
        var tools = DanVan.Pipeline.Azurite.AzuriteLauncher.FindToolDirectory();
        return Path.GetFullPath(Path.Combine(tools, "..", ".."));
    }
}
