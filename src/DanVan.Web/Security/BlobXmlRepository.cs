using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace DanVan.Web.Security;

/// <summary>
/// The portal's data-protection key ring in a blob container shared by every instance (self-host and Functions), so a
/// cookie or form token protected by one instance is read by any other. One blob per element, created only if absent
/// (<c>If-None-Match: *</c>): two instances writing their first key at once both keep theirs, and nothing is ever
/// overwritten.
/// </summary>
public sealed class BlobXmlRepository(BlobContainerClient container) : IXmlRepository
{
    private int _created;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureContainer();
        var elements = new List<XElement>();
        foreach (var item in container.GetBlobs())
        {
            try
            {
                using var stream = container.GetBlobClient(item.Name).OpenRead();
                elements.Add(XElement.Load(stream));
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Listed, then gone (someone cleaned the container): nothing to read.
            }
        }
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        EnsureContainer();
        using var content = new MemoryStream();
        element.Save(content, SaveOptions.DisableFormatting);
        var name = BlobName(friendlyName);
        var conditions = new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            content.Position = 0;
            container.GetBlobClient(name).Upload(content, new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = "application/xml" } });
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // A blob of that name exists (another instance's element): keep both, never overwrite.
            content.Position = 0;
            container.GetBlobClient(BlobName(friendlyName + "-" + Guid.NewGuid().ToString("N"))).Upload(content, new BlobUploadOptions { Conditions = conditions });
        }
    }

    private static string BlobName(string? friendlyName)
    {
        var safe = new string((friendlyName ?? "").Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-').ToArray());
        return (safe.Length == 0 ? Guid.NewGuid().ToString("N") : safe) + ".xml";
    }

    private void EnsureContainer()
    {
        if (Volatile.Read(ref _created) == 1)
        {
            return;
        }
        try
        {
            container.CreateIfNotExists();
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Created concurrently by another instance.
        }
        Volatile.Write(ref _created, 1);
    }
}
