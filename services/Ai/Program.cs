using Platform.Ai;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAiServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapAiApi();

app.Run();
