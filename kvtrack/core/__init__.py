"""The pure core: model, periods and queries. No I/O, no printing, no CLI or terminal imports."""
