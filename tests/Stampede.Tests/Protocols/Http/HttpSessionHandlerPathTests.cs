namespace Stampede.Tests.Protocols.Http;

/// <summary>Every <see cref="HttpSessionTests"/> case again with requests forced through SocketsHttpHandler.</summary>
public sealed class HttpSessionHandlerPathTests(TestHttpServers servers) : HttpSessionTests(servers)
{
    protected override bool UseSocketsHttpHandler => true;
}
