namespace Gateway.Model;
