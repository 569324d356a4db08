/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Register offsets and bits of the STM32 USART as on STM32MP1 and STM32H7
 * (Linux's "st,stm32h7-uart"; ST RM0436, USART chapter), shared by the
 * console driver and the virtual USART model.
 */
#ifndef BULWARK_STM32_USART_REGS_H
#define BULWARK_STM32_USART_REGS_H

#define USART_CR1     0x00
#define USART_CR2     0x04
#define USART_CR3     0x08
#define USART_BRR     0x0c
#define USART_GTPR    0x10
#define USART_RTOR    0x14
#define USART_RQR     0x18
#define USART_ISR     0x1c
#define USART_ICR     0x20
#define USART_RDR     0x24
#define USART_TDR     0x28
#define USART_PRESC   0x2c
#define USART_NR_REGS 12 /* CR1 .. PRESC, one 32-bit word each */

#define USART_CR1_UE	 (1u << 0)
#define USART_CR1_RE	 (1u << 2)
#define USART_CR1_TE	 (1u << 3)
#define USART_CR1_IDLEIE (1u << 4)
#define USART_CR1_RXNEIE (1u << 5) /* RXNEIE, or RXFNEIE with the FIFO on */
#define USART_CR1_TCIE	 (1u << 6)
#define USART_CR1_TXEIE	 (1u << 7) /* TXEIE, or TXFNFIE with the FIFO on */
#define USART_CR1_FIFOEN (1u << 29)
#define USART_CR1_TXFEIE (1u << 30)

#define USART_CR3_EIE (1u << 0) /* error interrupts (ORE among them, with the FIFO) */

#define USART_RQR_RXFRQ (1u << 3) /* flush what was received */

#define USART_ISR_ORE	(1u << 3)
#define USART_ISR_IDLE	(1u << 4)
#define USART_ISR_RXNE	(1u << 5) /* RXNE, or RXFNE with the FIFO on */
#define USART_ISR_TC	(1u << 6)
#define USART_ISR_TXE	(1u << 7) /* TXE, or TXFNF with the FIFO on */
#define USART_ISR_TEACK (1u << 21)
#define USART_ISR_REACK (1u << 22)
#define USART_ISR_TXFE	(1u << 23)

#define USART_ICR_ORECF	 (1u << 3)
#define USART_ICR_IDLECF (1u << 4)
#define USART_ICR_TCCF	 (1u << 6)

#endif /* BULWARK_STM32_USART_REGS_H */
