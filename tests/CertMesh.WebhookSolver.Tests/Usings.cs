// The test project is a plain SDK project, so the web SDK's implicit usings are spelled out for the in-process host.
global using Microsoft.AspNetCore.Builder;
global using Microsoft.Extensions.Configuration;
global using Microsoft.Extensions.Logging;
global using Xunit;
