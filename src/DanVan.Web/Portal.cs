namespace DanVan.Web;

/// <summary>The portal's endpoints.</summary>
public static class Portal
{
}
