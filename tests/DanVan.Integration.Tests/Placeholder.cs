namespace DanVan.Integration.Tests;
