using System.Runtime.InteropServices;
using System.Text.Json;
using DanVan.Pipeline.Azurite;

namespace DanVan.Bench;

/// <summary>What the numbers were measured on.</summary>
public sealed record Machine(int Cores, string Cpu, long MemoryMiB, string DotNet, string Os, string Azurite, DateTimeOffset AtUtc)
{
    public static Machine Describe()
    {
        var cpu = ReadFirst("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = ReadFirst("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var memory = long.TryParse(memKb, out var kb) ? kb / 1024 : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024);
        return new Machine(Environment.ProcessorCount, cpu, memory, RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription, AzuriteVersion(), DateTimeOffset.UtcNow);
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "unknown".</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string? ReadFirst(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }
        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string AzuriteVersion()
    {
        try
        {
            var package = Path.Combine(AzuriteLauncher.FindToolDirectory(), "node_modules", "azurite", "package.json");
            using var doc = JsonDocument.Parse(File.ReadAllText(package));
            return doc.RootElement.GetProperty("version").GetString() ?? "?";
        }
        catch (Exception ex) when (ex is IOException or DirectoryNotFoundException or JsonException or KeyNotFoundException)
        {
            return "unknown";
        }
    }
}
