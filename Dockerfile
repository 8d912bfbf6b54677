# syntax=docker/dockerfile:1
# Build: docker build -t companionbot .
# Run:   docker run -e Discord__Token=... -v companionbot-data:/data companionbot

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props CompanionBot.sln ./
COPY Engine/Engine.csproj Engine/
COPY Bot/Bot.csproj Bot/
COPY Bot.Tests/Bot.Tests.csproj Bot.Tests/
RUN dotnet restore CompanionBot.sln
COPY . .
RUN dotnet build CompanionBot.sln -c Release --no-restore \
 && dotnet test CompanionBot.sln -c Release --no-build \
 && dotnet publish Bot/Bot.csproj -c Release --no-build -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
RUN groupadd --system companion && useradd --system --gid companion --home-dir /app companion \
 && mkdir -p /data && chown companion:companion /data
WORKDIR /app
COPY --from=build /app ./
ENV Storage__DatabasePath=/data/companion.db \
    Discord__HeartbeatFile=/data/heartbeat \
    Discord__SessionFile=/data/discord-session.json \
    Discord__CommandHashFile=/data/discord-commands.sha256 \
    Conversation__UnansweredFile=/data/unanswered.json \
    DOTNET_NOLOGO=1
VOLUME ["/data"]
USER companion
# Healthy while the gateway heartbeat file was touched in the last two minutes; it is not touched while the store has
# been failing longer than StoreOutage:UnhealthyAfterSeconds. A stop answers what arrived within 30 s (the host's
# shutdown timeout): run with `docker stop -t 35` (Docker's default grace is 10 s).
HEALTHCHECK --interval=60s --timeout=5s --start-period=60s --retries=3 \
  CMD test -n "$(find /data/heartbeat -mmin -2 2>/dev/null)" || exit 1
ENTRYPOINT ["dotnet", "CompanionBot.dll"]
CMD ["discord"]
