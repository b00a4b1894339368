using Microsoft.Extensions.Logging;

namespace DanVan.Bench;

/// <summary>Azurite's own warnings and errors on stderr, so an emulator that dies says why.</summary>
public static class AzuriteLog
{
    private static readonly ILoggerFactory Factory = LoggerFactory.Create(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));

    public static ILogger Logger { get; } = Factory.CreateLogger("azurite");
}
