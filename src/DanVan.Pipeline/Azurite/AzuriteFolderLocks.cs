namespace DanVan.Pipeline.Azurite;

/// <summary>
/// The OS file locks that keep one Azurite per data folder. They are released by the kernel when a process dies,
/// so a <c>kill -9</c> never leaves a folder locked.
/// <list type="bullet">
/// <item><c>danvan-azurite.lock</c>, held exclusively for the moment a launcher decides to start, adopt, stop or
/// restart the folder's Azurite: two decisions never interleave (between processes and within one).</item>
/// <item><c>danvan-azurite.users</c>, held shared by every launcher using the folder's Azurite for as long as it
/// does: the last one to let go (its exclusive lock succeeds) stops Azurite.</item>
/// </list>
/// On Unix, .NET takes <c>flock</c> LOCK_EX for <see cref="FileShare.None"/> and LOCK_SH for a read-only open that
/// shares; on Windows, share modes give the same outcome.
/// </summary>
internal static class AzuriteFolderLocks
{
    private const string GateFile = "danvan-azurite.lock";
    private const string UsersFile = "danvan-azurite.users";

    public static async Task<FileStream> EnterGateAsync(string folder, CancellationToken cancellationToken)
    {
        // Long enough for another launcher to start Azurite (seconds) even on a busy machine.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        var path = Path.Combine(folder, GateFile);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>Registers one user. Called inside the gate, where no one holds the exclusive lock.</summary>
    public static FileStream HoldUse(string folder)
    {
        var path = Path.Combine(folder, UsersFile);
        if (!File.Exists(path))
        {
            File.WriteAllBytes(path, []);
        }
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
    }

    /// <summary>True when no launcher holds a use of the folder's Azurite. Called inside the gate.</summary>
    public static bool NoOneUses(string folder)
    {
        try
        {
            using var _ = new FileStream(Path.Combine(folder, UsersFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
