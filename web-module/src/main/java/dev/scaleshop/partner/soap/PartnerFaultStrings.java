package dev.scaleshop.partner.soap;

import java.util.Set;

import javax.xml.namespace.QName;

import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.handler.soap.SOAPHandler;
import jakarta.xml.ws.handler.soap.SOAPMessageContext;
import org.w3c.dom.NodeList;

/**
 * Gives a partner fault its own message as {@code faultstring}. The stack keeps Metro from writing exception
 * messages into faults ({@code SOAPFaultBuilder.captureExceptionMessage=false}), and Metro then writes
 * "Server Error" into every fault — a client's own mistake included (issue 17: a generated client showed
 * "Server Error" for every refusal). Only faults carrying the contract's {@code PartnerFault} detail are
 * touched: their messages are ours, written for the caller; anything else Metro meets stays generic.
 */
public class PartnerFaultStrings implements SOAPHandler<SOAPMessageContext> {

    @Override
    public boolean handleFault(SOAPMessageContext context) {
        try {
            SOAPFault fault = context.getMessage().getSOAPBody().getFault();
            if (fault != null && fault.getDetail() != null) {
                NodeList messages = fault.getDetail().getElementsByTagNameNS(PartnerFaults.NAMESPACE, "message");
                if (messages.getLength() > 0) {
                    fault.setFaultString(messages.item(0).getTextContent());
                }
            }
        } catch (SOAPException e) {
            // the fault leaves as Metro wrote it
        }
        return true;
    }

    @Override
    public boolean handleMessage(SOAPMessageContext context) {
        return true;
    }

    @Override
    public void close(MessageContext context) {
        // nothing held
    }

    @Override
    public Set<QName> getHeaders() {
        return Set.of();
    }
}
