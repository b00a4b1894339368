using Azure.Storage.Blobs;
using DanVan.Pipeline.Azurite;

namespace DanVan.Integration.Tests.Storage;

public sealed class AzuriteLauncherTests
{
    [Fact]
    public async Task Two_emulators_run_side_by_side_on_their_own_ports_and_stop_when_disposed()
    {
        await using var a = await AzuriteLauncher.StartAsync();
        int port;
        await using (var b = await AzuriteLauncher.StartAsync())
        {
            Assert.NotEqual(a.BlobPort, b.BlobPort);
            port = b.BlobPort;
            await new BlobServiceClient(b.ConnectionString).GetBlobContainerClient("probe").CreateAsync();
            Assert.False((await new BlobServiceClient(a.ConnectionString).GetBlobContainerClient("probe").ExistsAsync()).Value);
        }
        using var client = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => client.ConnectAsync("127.0.0.1", port));
    }
}
