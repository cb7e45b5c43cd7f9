using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// A minimal ASP.NET Core gRPC host: h2c on loopback, gRPC health checks, nothing else. The port
// comes from the first argument (the budget harness gives a free one).
var port = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5081;
var builder = WebApplication.CreateBuilder(args.Skip(1).ToArray());
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
builder.Services.AddGrpc();
builder.Services.AddGrpcHealthChecks().AddCheck("self", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
var app = builder.Build();
app.MapGrpcHealthChecksService();
app.Run();
