"""The local web app (`juesuan serve`)."""
