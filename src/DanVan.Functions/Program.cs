using DanVan.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
FunctionsHostSetup.Configure(builder);
builder.Build().Run();
